namespace Client.Bench.WatchCost;

/// <summary>
/// What the pairs say together. The median of per-pair ratios and its quartiles are the headline: a pair's two
/// slices share the machine's moment, so another process's burst moves both. The ratio of all requests served
/// (<see cref="OverallRatio"/>) also counts the rare slices with a scrape in them, which a median may step over.
/// CPU per request is steadier than throughput on a shared machine: how much CPU a silo spends on a request does
/// not depend on how much CPU other processes leave it, so <see cref="CpuRatio"/> backs the throughput figures up.
/// </summary>
internal sealed record PairedComparison(
    int Pairs,
    double MedianRatio,
    double LowerQuartileRatio,
    double UpperQuartileRatio,
    double OverallRatio,
    double WatchedMedianRps,
    double UnwatchedMedianRps,
    double? WatchedCpuUsPerRequest,
    double? UnwatchedCpuUsPerRequest,
    Spread? CpuRatio)
{
    /// <summary>Share of throughput that watching costs, by the median pair (negative when watched was faster).</summary>
    public double Cost => 1 - MedianRatio;

    public static PairedComparison Of(IReadOnlyList<SlicePair> pairs)
    {
        if (pairs.Count == 0)
        {
            throw new ArgumentException("No pairs were measured.", nameof(pairs));
        }
        double[] ratios = [.. pairs.Select(p => p.Ratio).Order()];
        var watchedRequests = pairs.Sum(p => (double)p.Watched.Requests);
        var unwatchedRequests = pairs.Sum(p => (double)p.Unwatched.Requests);
        var watchedRate = watchedRequests / pairs.Sum(p => p.Watched.Elapsed.TotalSeconds);
        var unwatchedRate = unwatchedRequests / pairs.Sum(p => p.Unwatched.Elapsed.TotalSeconds);
        return new PairedComparison(
            pairs.Count,
            Quantile.Of(ratios, 0.5),
            Quantile.Of(ratios, 0.25),
            Quantile.Of(ratios, 0.75),
            unwatchedRate == 0 ? 0 : watchedRate / unwatchedRate,
            Median(pairs.Select(p => p.Watched.RequestsPerSecond)),
            Median(pairs.Select(p => p.Unwatched.RequestsPerSecond)),
            CpuPerRequest(pairs.Sum(p => p.Watched.SiloCpu.TotalMicroseconds), watchedRequests),
            CpuPerRequest(pairs.Sum(p => p.Unwatched.SiloCpu.TotalMicroseconds), unwatchedRequests),
            Spread.Of(pairs.Select(p => p.CpuRatio).OfType<double>()));
    }

    private static double Median(IEnumerable<double> values) => Quantile.Of([.. values.Order()], 0.5);

    private static double? CpuPerRequest(double microseconds, double requests) => requests == 0 ? null : microseconds / requests;
}
