using Client.Bench.Overhead;
using Spectre.Console;

namespace Client.Bench.WatchCost;

/// <summary>The summary table and the JSON object on the last line.</summary>
internal static class WatchCostReport
{
    /// <summary>Issue #7: the instruments and the dashboard may cost at most this share of throughput.</summary>
    public const double TargetCost = 0.05;

    public static bool TargetMet(PairedComparison comparison) => comparison.Cost <= TargetCost;

    public static Table Summary(WatchCostResult result)
    {
        var c = result.Comparison;
        var table = new Table().Title($"cost of watching: {c.Pairs} pairs on {c.StartBlockRatios.Count} pairs of silos").AddColumns("", "watched", "unwatched", "watched / unwatched");
        table.AddRow("req/s, median of slices", c.WatchedMedianRps.ToString("N0"), c.UnwatchedMedianRps.ToString("N0"), $"{Describe(c.PairRatio)}, median of pairs");
        table.AddRow("req/s, by blocks of two pairs", "", "", c.BlockRatio is { } blocks ? $"{Describe(blocks)}, median of blocks" : "-");
        table.AddRow("req/s, median block of each start", "", "", string.Join(" ", c.StartBlockRatios.Select(r => r.ToString("0.000"))));
        table.AddRow("req/s, all requests", "", "", $"{c.OverallRatio:0.000}");
        table.AddRow("silo CPU µs/req", Us(c.WatchedCpuUsPerRequest), Us(c.UnwatchedCpuUsPerRequest),
            (c.BlockCpuRatio ?? c.CpuRatio) is { } cpu ? $"{Describe(cpu)}, median of {(c.BlockCpuRatio is null ? "pairs" : "blocks")}" : "-");
        table.AddRow("silo CPU, median block of each start", "", "", string.Join(" ", c.StartBlockCpuRatios.Select(r => r.ToString("0.000"))));
        return table;
    }

    public static string Verdict(WatchCostResult result)
    {
        var c = result.Comparison;
        var by = c.BlockRatio is null ? "pair" : "block of two pairs";
        var cpu = (c.BlockCpuRatio ?? c.CpuRatio) is { } spread
            ? $" Silo CPU per request: {spread.Median - 1:+0.0%;-0.0%} by the median {by} ({spread.LowerQuartile - 1:+0.0%;-0.0%} to {spread.UpperQuartile - 1:+0.0%;-0.0%})."
            : "";
        var order = c.UnwatchedFirstMedianRatio is { } unwatchedFirst
            ? $" Order effect: median ratio {c.WatchedFirstMedianRatio:0.000} with the watched silo first, {unwatchedFirst:0.000} with it second."
            : "";
        return $"Cost of watching: {c.Cost:P1} of throughput by the median {by} (quartiles {1 - c.Headline.UpperQuartile:P1} to {1 - c.Headline.LowerQuartile:P1}); " +
            $"target at most {TargetCost:P0}: {(TargetMet(c) ? "met" : "missed")}. {result.Scrapes} scrapes, {result.DashboardPolls} dashboard polls" +
            (result.WatcherErrors > 0 ? $", {result.WatcherErrors} failed ({result.FirstWatcherError})." : ".") + cpu + order;
    }

    public static object Json(WatchCostResult result, WatchCostSettings settings, MachineInfo machine)
    {
        var c = result.Comparison;
        return new
        {
            Scenario = "overhead-watch",
            Machine = machine,
            Settings = new
            {
                settings.Starts,
                settings.Pairs,
                SliceSeconds = settings.Slice.TotalSeconds,
                settings.Concurrency,
                ScrapeEverySeconds = settings.ScrapeEvery.TotalSeconds,
                DashboardEverySeconds = settings.DashboardEvery.TotalSeconds,
                settings.OutputTokens,
                Cache = settings.Cache.ToString().ToLowerInvariant(),
                settings.Calibrate,
            },
            LoadAverage = new[] { result.LoadBefore, result.LoadAfter },
            WarmupRounds = result.WarmupRounds,
            WatchedRps = BenchJson.Round(c.WatchedMedianRps, 0),
            UnwatchedRps = BenchJson.Round(c.UnwatchedMedianRps, 0),
            RatioMedian = BenchJson.Round(c.PairRatio.Median),
            RatioQ1 = BenchJson.Round(c.PairRatio.LowerQuartile),
            RatioQ3 = BenchJson.Round(c.PairRatio.UpperQuartile),
            BlockRatioMedian = BenchJson.Round(c.BlockRatio?.Median),
            BlockRatioQ1 = BenchJson.Round(c.BlockRatio?.LowerQuartile),
            BlockRatioQ3 = BenchJson.Round(c.BlockRatio?.UpperQuartile),
            RatioOverall = BenchJson.Round(c.OverallRatio),
            RatioMedianWatchedFirst = BenchJson.Round(c.WatchedFirstMedianRatio),
            RatioMedianUnwatchedFirst = BenchJson.Round(c.UnwatchedFirstMedianRatio),
            CostPercent = BenchJson.Round(c.Cost * 100, 1),
            TargetMet = TargetMet(c),
            WatchedCpuUsPerRequest = BenchJson.Round(c.WatchedCpuUsPerRequest, 1),
            UnwatchedCpuUsPerRequest = BenchJson.Round(c.UnwatchedCpuUsPerRequest, 1),
            CpuRatioMedian = BenchJson.Round(c.CpuRatio?.Median),
            CpuRatioQ1 = BenchJson.Round(c.CpuRatio?.LowerQuartile),
            CpuRatioQ3 = BenchJson.Round(c.CpuRatio?.UpperQuartile),
            BlockCpuRatioMedian = BenchJson.Round(c.BlockCpuRatio?.Median),
            BlockCpuRatioQ1 = BenchJson.Round(c.BlockCpuRatio?.LowerQuartile),
            BlockCpuRatioQ3 = BenchJson.Round(c.BlockCpuRatio?.UpperQuartile),
            result.Scrapes,
            result.DashboardPolls,
            Errors = result.LoadErrors + result.WatcherErrors,
            StartBlockRatios = c.StartBlockRatios.Select(r => BenchJson.Round(r)),
            StartBlockCpuRatios = c.StartBlockCpuRatios.Select(r => BenchJson.Round(r)),
            PairRatios = result.Pairs.Select(p => BenchJson.Round(p.Ratio)),
            PairCpuRatios = result.Pairs.Select(p => BenchJson.Round(p.CpuRatio)),
        };
    }

    private static string Describe(Spread spread) => $"{spread.Median:0.000} (quartiles {spread.LowerQuartile:0.000}-{spread.UpperQuartile:0.000})";

    private static string Us(double? value) => value is { } v ? v.ToString("0.0") : "-";
}
