namespace Client.Bench.WatchCost;

/// <summary>Median and quartiles of a set of values.</summary>
internal sealed record Spread(double Median, double LowerQuartile, double UpperQuartile)
{
    /// <returns>Null when there are no values.</returns>
    public static Spread? Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? null : new Spread(Quantile.Of(sorted, 0.5), Quantile.Of(sorted, 0.25), Quantile.Of(sorted, 0.75));
    }
}
