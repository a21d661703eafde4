using Client.Bench.WatchCost;

namespace Client.Tests.Bench.WatchCost;

/// <summary>The statistics the cost-of-watching bench reports from its pairs.</summary>
public sealed class PairedComparisonTests
{
    [Fact]
    public void Median_and_quartiles_are_taken_over_the_per_pair_ratios()
    {
        // Watched req/s 900..500 against 1000 each: ratios 0.9, 0.8, 0.7, 0.6, 0.5, in a shuffled order.
        var pairs = new[] { 700, 900, 500, 800, 600 }.Select((watched, i) => Pair(i, watched, 1000)).ToList();

        var comparison = PairedComparison.Of(pairs);

        Assert.Equal(5, comparison.Pairs);
        Assert.Equal(0.7, comparison.PairRatio.Median, 6);
        Assert.Equal(0.6, comparison.PairRatio.LowerQuartile, 6);
        Assert.Equal(0.8, comparison.PairRatio.UpperQuartile, 6);
        Assert.Equal(700, comparison.WatchedMedianRps, 3);
        Assert.Equal(1000, comparison.UnwatchedMedianRps, 3);
    }

    [Fact]
    public void Blocks_of_two_pairs_cancel_an_order_effect_that_the_pair_median_keeps()
    {
        // Watching costs 4%, and whichever silo runs second in a pair loses another 10%: watched first 0.96 / 0.9,
        // watched second 0.96 * 0.9. Three pairs of one order and one of the other leave the pair median biased.
        List<SlicePair> pairs =
        [
            Pair(0, 960 / 0.9, 1000), Pair(1, 960 * 0.9, 1000),
            Pair(2, 960 / 0.9, 1000), Pair(3, 960 * 0.9, 1000),
            Pair(4, 960 / 0.9, 1000),
        ];

        var comparison = PairedComparison.Of(pairs);

        Assert.Equal(0.96 / 0.9, comparison.PairRatio.Median, 6);
        Assert.Equal(0.96, comparison.BlockRatio!.Median, 6);
        Assert.Equal(0.96, comparison.Headline.Median, 6);
        Assert.Equal(0.04, comparison.Cost, 6);
        Assert.Equal(0.96 / 0.9, comparison.WatchedFirstMedianRatio, 6);
        Assert.Equal(0.96 * 0.9, comparison.UnwatchedFirstMedianRatio!.Value, 6);
    }

    [Fact]
    public void A_single_pair_has_no_block_and_the_verdict_rests_on_the_pair()
    {
        var comparison = PairedComparison.Of([Pair(0, 1050, 1000)]);

        Assert.Null(comparison.BlockRatio);
        Assert.Null(comparison.UnwatchedFirstMedianRatio);
        Assert.Equal(1.05, comparison.Headline.Median, 6);
        Assert.Equal(-0.05, comparison.Cost, 6);
    }

    [Fact]
    public void A_pair_on_a_busy_moment_moves_the_overall_ratio_but_not_the_median()
    {
        // Three quiet pairs with watching 2% slower, and one where another process took most of the machine
        // during the watched slice only.
        List<SlicePair> pairs = [.. new[] { 980, 980, 980, 200 }.Select((watched, i) => new SlicePair(0, i, i % 2 == 0, OneSecond(watched), OneSecond(1000)))];

        var comparison = PairedComparison.Of(pairs);

        Assert.Equal(0.98, comparison.PairRatio.Median, 6);
        Assert.Equal((980 * 3 + 200) / 4000.0, comparison.OverallRatio, 6);
    }

    [Fact]
    public void Cpu_per_request_is_each_side_s_cpu_over_its_requests()
    {
        List<SlicePair> pairs =
        [
            new(0, 0, true, OneSecond(1000, TimeSpan.FromMilliseconds(90)), OneSecond(1000, TimeSpan.FromMilliseconds(80))),
            new(0, 1, false, OneSecond(3000, TimeSpan.FromMilliseconds(270)), OneSecond(1000, TimeSpan.FromMilliseconds(80))),
        ];

        var comparison = PairedComparison.Of(pairs);

        Assert.Equal(90, comparison.WatchedCpuUsPerRequest!.Value, 6);
        Assert.Equal(80, comparison.UnwatchedCpuUsPerRequest!.Value, 6);
        // Per pair and per block: 90/80.
        Assert.Equal(1.125, comparison.CpuRatio!.Median, 6);
        Assert.Equal(1.125, comparison.BlockCpuRatio!.Median, 6);
    }

    [Fact]
    public void Blocks_stay_within_a_start_and_each_start_reports_its_own_median_block()
    {
        // Start 0 ends with a pair left over (watched first, 0.8); start 1 begins with its pair of the other order.
        // Joined across the restart they would make a block of silos that never ran side by side.
        List<SlicePair> pairs =
        [
            Pair(0, 900, 1000, start: 0), Pair(1, 900, 1000, start: 0), Pair(2, 800, 1000, start: 0),
            new(1, 0, false, Slice(1000, TimeSpan.Zero), Slice(1000, TimeSpan.Zero)), Pair(1, 1000, 1000, start: 1) with { WatchedFirst = true },
        ];

        var comparison = PairedComparison.Of(pairs);

        Assert.Equal([0.9, 1.0], comparison.StartBlockRatios.Select(r => Math.Round(r, 6)));
        Assert.Equal(0.95, comparison.BlockRatio!.Median, 6);
    }

    [Fact]
    public void No_pairs_is_an_error_not_a_ratio_of_zero()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Of([]));
    }

    [Fact]
    public void A_slice_with_no_answers_has_no_cpu_per_request_and_its_pair_no_cpu_ratio()
    {
        Assert.Null(Slice(0, TimeSpan.FromSeconds(1)).SiloCpuUsPerRequest);
        Assert.Null(new SlicePair(0, 0, true, Slice(10, TimeSpan.FromSeconds(1)), Slice(0, TimeSpan.FromSeconds(1))).CpuRatio);
        Assert.Null(PairedComparison.Of([new SlicePair(0, 0, true, Slice(0, TimeSpan.Zero), Slice(0, TimeSpan.Zero))]).CpuRatio);
    }

    private static SlicePair Pair(int index, double watchedPerSecond, double unwatchedPerSecond, int start = 0) =>
        new(start, index, index % 2 == 0, Slice(watchedPerSecond, TimeSpan.Zero), Slice(unwatchedPerSecond, TimeSpan.Zero));

    private static SliceResult OneSecond(int requests, TimeSpan cpu = default) => new(requests, 0, null, TimeSpan.FromSeconds(1), cpu);

    /// <summary>A thousand answers at <paramref name="requestsPerSecond"/>.</summary>
    private static SliceResult Slice(double requestsPerSecond, TimeSpan cpu) =>
        requestsPerSecond == 0 ? new(0, 0, null, TimeSpan.FromSeconds(1), cpu) : new(1000, 0, null, TimeSpan.FromSeconds(1000 / requestsPerSecond), cpu);
}
