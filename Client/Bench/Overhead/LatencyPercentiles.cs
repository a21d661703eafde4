using Grains.Models.Statistics;

namespace Client.Bench.Overhead;

/// <summary>p50/p90/p99 in milliseconds (nearest rank).</summary>
internal sealed record LatencyPercentiles(double P50, double P90, double P99)
{
    public static LatencyPercentiles? Of(double[] sortedMs) =>
        sortedMs.Length == 0 ? null : new(Percentile.Of(sortedMs, 0.50)!.Value, Percentile.Of(sortedMs, 0.90)!.Value, Percentile.Of(sortedMs, 0.99)!.Value);

    /// <summary>Percentile by percentile: what a route adds over a baseline measured the same way.</summary>
    public LatencyPercentiles Minus(LatencyPercentiles baseline) => new(P50 - baseline.P50, P90 - baseline.P90, P99 - baseline.P99);
}
