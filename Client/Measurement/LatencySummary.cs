namespace Client.Measurement;

/// <summary>Order statistics of a set of round trips; medians rather than means, since one cold call skews a mean.</summary>
internal sealed record LatencySummary(int Count, TimeSpan Min, TimeSpan Median, TimeSpan Max)
{
    public static LatencySummary From(IReadOnlyCollection<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("A latency summary needs at least one sample.", nameof(samples));
        }
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new LatencySummary(sorted.Length, sorted[0], median, sorted[^1]);
    }
}
