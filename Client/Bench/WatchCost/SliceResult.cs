namespace Client.Bench.WatchCost;

/// <summary>One silo's share of a pair: the requests it answered in its slice and the CPU its process spent on them.</summary>
internal sealed record SliceResult(int Requests, int Errors, string? FirstError, TimeSpan Elapsed, TimeSpan SiloCpu)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double? SiloCpuUsPerRequest => Requests == 0 ? null : SiloCpu.TotalMicroseconds / Requests;
}
