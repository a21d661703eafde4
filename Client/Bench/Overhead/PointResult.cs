namespace Client.Bench.Overhead;

/// <summary>
/// One measured point: a route and mode at a concurrency. CPU is per completed request, of the silo process
/// and of the bench process (load generator, plus the upstream on the openai routes).
/// </summary>
internal sealed record PointResult(
    BenchRoute Route,
    string Mode,
    int Concurrency,
    int Requests,
    int Errors,
    string? FirstError,
    TimeSpan Elapsed,
    LatencyPercentiles? Total,
    LatencyPercentiles? FirstByte,
    double? SiloCpuUsPerRequest,
    double BenchCpuUsPerRequest,
    double? OtherProcessesCores)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
