namespace Grains.Models.Statistics;

public static class Percentile
{
    /// <summary>Nearest-rank percentile of an ascending array; null when it is empty.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double quantile)
    {
        if (sorted.Count == 0)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(quantile * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
