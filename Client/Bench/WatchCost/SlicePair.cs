namespace Client.Bench.WatchCost;

/// <summary>Two back-to-back slices, one per silo, in the order given by <see cref="WatchedFirst"/>, on the silos of start <see cref="Start"/>.</summary>
internal sealed record SlicePair(int Start, int Index, bool WatchedFirst, SliceResult Watched, SliceResult Unwatched)
{
    /// <summary>Watched throughput over unwatched: 0.95 means watching cost 5% in this pair.</summary>
    public double Ratio => Unwatched.RequestsPerSecond == 0 ? 0 : Watched.RequestsPerSecond / Unwatched.RequestsPerSecond;

    /// <summary>Watched silo CPU per request over unwatched: 1.05 means 5% more CPU per request; null when a side answered nothing.</summary>
    public double? CpuRatio => Watched.SiloCpuUsPerRequest is { } watched && Unwatched.SiloCpuUsPerRequest is { } unwatched && unwatched > 0 ? watched / unwatched : null;
}
