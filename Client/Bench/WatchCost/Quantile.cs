namespace Client.Bench.WatchCost;

/// <summary>
/// Quantiles by linear interpolation between the closest ranks (the common "type 7"): with few pairs a nearest-rank
/// quartile jumps from one pair to the next, which says more about the rank than about the cost.
/// </summary>
internal static class Quantile
{
    public static double Of(IReadOnlyList<double> sorted, double quantile)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values to take a quantile of.", nameof(sorted));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var position = (sorted.Count - 1) * quantile;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
