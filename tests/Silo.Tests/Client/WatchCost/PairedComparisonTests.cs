extern alias ClientApp;

using ClientApp::Client.Bench.WatchCost;

namespace Silo.Tests.Client.WatchCost;

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
        Assert.Equal(0.7, comparison.MedianRatio, 9);
        Assert.Equal(0.6, comparison.LowerQuartileRatio, 9);
        Assert.Equal(0.8, comparison.UpperQuartileRatio, 9);
        Assert.Equal(0.3, comparison.Cost, 9);
        Assert.Equal(700, comparison.WatchedMedianRps, 9);
        Assert.Equal(1000, comparison.UnwatchedMedianRps, 9);
    }

    [Fact]
    public void A_pair_on_a_busy_moment_moves_the_overall_ratio_but_not_the_median()
    {
        // Three quiet pairs with watching 2% slower, and one where another process took most of the machine
        // during the watched slice only.
        List<SlicePair> pairs = [Pair(0, 980, 1000), Pair(1, 980, 1000), Pair(2, 980, 1000), Pair(3, 200, 1000)];

        var comparison = PairedComparison.Of(pairs);

        Assert.Equal(0.98, comparison.MedianRatio, 9);
        Assert.Equal((980 * 3 + 200) / 4000.0, comparison.OverallRatio, 9);
    }

    [Fact]
    public void Cpu_per_request_is_each_side_s_cpu_over_its_requests()
    {
        List<SlicePair> pairs =
        [
            new(0, true, Slice(1000, TimeSpan.FromMilliseconds(90)), Slice(1000, TimeSpan.FromMilliseconds(80))),
            new(1, false, Slice(3000, TimeSpan.FromMilliseconds(270)), Slice(1000, TimeSpan.FromMilliseconds(80))),
        ];

        var comparison = PairedComparison.Of(pairs);

        Assert.Equal(90, comparison.WatchedCpuUsPerRequest!.Value, 6);
        Assert.Equal(80, comparison.UnwatchedCpuUsPerRequest!.Value, 6);
        // Per pair: 90/80 both times.
        Assert.Equal(1.125, comparison.CpuRatio!.Median, 9);
        Assert.Equal(1.125, comparison.CpuRatio.UpperQuartile, 9);
    }

    [Fact]
    public void A_watched_silo_faster_than_the_unwatched_one_is_a_negative_cost()
    {
        var comparison = PairedComparison.Of([Pair(0, 1050, 1000)]);

        Assert.Equal(1.05, comparison.MedianRatio, 9);
        Assert.Equal(-0.05, comparison.Cost, 9);
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
        Assert.Null(new SlicePair(0, true, Slice(10, TimeSpan.FromSeconds(1)), Slice(0, TimeSpan.FromSeconds(1))).CpuRatio);
        Assert.Null(PairedComparison.Of([new SlicePair(0, true, Slice(0, TimeSpan.Zero), Slice(0, TimeSpan.Zero))]).CpuRatio);
    }

    private static SlicePair Pair(int index, int watchedPerSecond, int unwatchedPerSecond) =>
        new(index, index % 2 == 0, Slice(watchedPerSecond, TimeSpan.Zero), Slice(unwatchedPerSecond, TimeSpan.Zero));

    /// <summary>A one-second slice with <paramref name="requests"/> answers.</summary>
    private static SliceResult Slice(int requests, TimeSpan cpu) => new(requests, 0, null, TimeSpan.FromSeconds(1), cpu);
}
