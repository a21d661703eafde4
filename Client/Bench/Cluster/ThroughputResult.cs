using Client.Bench.Overhead;

namespace Client.Bench.Cluster;

/// <summary>One throughput point: session turns answered by <see cref="Silos"/> silos under closed-loop load.</summary>
/// <param name="Setup">Short name: one-silo, three-silos, three-silos-to-owner.</param>
/// <param name="ForwardedShare">Share of turns sent to a silo that does not own the session, which relays them to the owner.</param>
/// <param name="WarmupRounds">Rounds of warm-up load before throughput stopped rising by 5%.</param>
internal sealed record ThroughputResult(
    string Setup,
    int Silos,
    int Concurrency,
    int Requests,
    int Errors,
    string? FirstError,
    TimeSpan Elapsed,
    LatencyPercentiles? Latency,
    double ForwardedShare,
    CpuShare Cpu,
    int WarmupRounds)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
