namespace Client.Bench.WatchCost;

/// <summary>
/// What the pairs say together. A pair's two slices share the machine's moment, so another process's burst moves
/// both; the median of per-pair ratios and its quartiles (<see cref="PairRatio"/>) say how the pairs spread. With
/// the order flipped every pair, each silo runs two slices back to back (W U | U W | W U ...), and on a busy
/// machine the first slice after the other silo's runs faster than the second (the scheduler favours a process
/// that has just slept). That order effect lands on the two kinds of pair in opposite directions, so each block of
/// two pairs, one of each order, cancels it: <see cref="BlockRatio"/>, the geometric mean of the two ratios of a
/// block, is the headline, over the blocks of every start together; <see cref="StartBlockRatios"/> shows how much
/// one pair of processes differs from the next. The ratio of all requests served (<see cref="OverallRatio"/>) also
/// counts the rare slices with a scrape in them, which a median may step over. CPU per request is steadier than
/// throughput on a shared machine: what a silo spends on a request does not depend on how much CPU other processes
/// leave it.
/// </summary>
internal sealed record PairedComparison(
    int Pairs,
    IReadOnlyList<double> StartBlockRatios,
    IReadOnlyList<double> StartBlockCpuRatios,
    Spread PairRatio,
    Spread? BlockRatio,
    double OverallRatio,
    double WatchedFirstMedianRatio,
    double? UnwatchedFirstMedianRatio,
    double WatchedMedianRps,
    double UnwatchedMedianRps,
    double? WatchedCpuUsPerRequest,
    double? UnwatchedCpuUsPerRequest,
    Spread? CpuRatio,
    Spread? BlockCpuRatio)
{
    /// <summary>The ratio the verdict rests on: by blocks when there is one, else by pairs.</summary>
    public Spread Headline => BlockRatio ?? PairRatio;

    /// <summary>Share of throughput that watching costs (negative when watched was faster).</summary>
    public double Cost => 1 - Headline.Median;

    public static PairedComparison Of(IReadOnlyList<SlicePair> pairs)
    {
        if (pairs.Count == 0)
        {
            throw new ArgumentException("No pairs were measured.", nameof(pairs));
        }
        var watchedRequests = pairs.Sum(p => (double)p.Watched.Requests);
        var unwatchedRequests = pairs.Sum(p => (double)p.Unwatched.Requests);
        var watchedRate = watchedRequests / pairs.Sum(p => p.Watched.Elapsed.TotalSeconds);
        var unwatchedRate = unwatchedRequests / pairs.Sum(p => p.Unwatched.Elapsed.TotalSeconds);
        var starts = pairs.GroupBy(p => p.Start).Select(start => (IReadOnlyList<SlicePair>)[.. start]).ToList();
        return new PairedComparison(
            pairs.Count,
            [.. starts.Select(start => Spread.Of(Blocks(start, p => p.Ratio))?.Median).OfType<double>()],
            [.. starts.Select(start => Spread.Of(Blocks(start, p => p.CpuRatio))?.Median).OfType<double>()],
            Spread.Of(pairs.Select(p => p.Ratio))!,
            Spread.Of(starts.SelectMany(start => Blocks(start, p => p.Ratio))),
            unwatchedRate == 0 ? 0 : watchedRate / unwatchedRate,
            Spread.Of(pairs.Where(p => p.WatchedFirst).Select(p => p.Ratio))?.Median ?? double.NaN,
            Spread.Of(pairs.Where(p => !p.WatchedFirst).Select(p => p.Ratio))?.Median,
            Spread.Of(pairs.Select(p => p.Watched.RequestsPerSecond))!.Median,
            Spread.Of(pairs.Select(p => p.Unwatched.RequestsPerSecond))!.Median,
            CpuPerRequest(pairs.Sum(p => p.Watched.SiloCpu.TotalMicroseconds), watchedRequests),
            CpuPerRequest(pairs.Sum(p => p.Unwatched.SiloCpu.TotalMicroseconds), unwatchedRequests),
            Spread.Of(pairs.Select(p => p.CpuRatio).OfType<double>()),
            Spread.Of(starts.SelectMany(start => Blocks(start, p => p.CpuRatio))));
    }

    /// <summary>
    /// Geometric means of consecutive pairs of opposite orders within one start (pair 0 with 1, 2 with 3, ...); a
    /// last pair without its partner, or a block with a missing ratio, is left out.
    /// </summary>
    private static IEnumerable<double> Blocks(IReadOnlyList<SlicePair> pairs, Func<SlicePair, double?> ratio)
    {
        for (var i = 0; i + 1 < pairs.Count; i += 2)
        {
            if (pairs[i].WatchedFirst != pairs[i + 1].WatchedFirst && ratio(pairs[i]) is { } first && ratio(pairs[i + 1]) is { } second)
            {
                yield return Math.Sqrt(first * second);
            }
        }
    }

    private static double? CpuPerRequest(double microseconds, double requests) => requests == 0 ? null : microseconds / requests;
}
