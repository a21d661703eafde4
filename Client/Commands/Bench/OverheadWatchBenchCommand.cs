using System.CommandLine;
using System.CommandLine.Parsing;
using Client.Bench;
using Client.Bench.Cache;
using Client.Bench.Overhead;
using Client.Bench.WatchCost;
using Client.Cli;
using Spectre.Console;

namespace Client.Commands.Bench;

/// <summary>`client bench overhead watch`: what the instruments and the dashboard cost in throughput (issue #7).</summary>
internal sealed class OverheadWatchBenchCommand : Command
{
    /// <summary>The measured part may take at most this long, so that a typo in --pairs cannot hold the machine for hours.</summary>
    public const double MaxMeasuredSeconds = 3600;

    private const int DefaultStarts = 6;
    private const int DefaultPairs = 8;
    private const double DefaultSlice = 2.0;

    private readonly Option<int> _starts = NumberOptionParser.Create<int>(
        "--starts", DefaultStarts, v => v is >= 1 and <= 100, "between 1 and 100",
        "Times a fresh pair of silos is started and measured: two processes of one build differ by several percent, so one pair alone cannot tell a 5% cost.");
    private readonly Option<int> _pairs = NumberOptionParser.Create<int>(
        "--pairs", DefaultPairs, v => v is >= 2 and <= 1000 && v % 2 == 0, "an even number from 2 to 1000",
        "Pairs of slices per start (one per silo, order flipped every pair); even, as they are read in blocks of two pairs, one of each order.");
    private readonly Option<double> _slice = NumberOptionParser.Create<double>(
        "--slice", DefaultSlice, v => v is >= 0.2 and <= 60, "between 0.2 and 60 seconds",
        "Seconds of load per silo in each pair.");
    private readonly Option<int> _concurrency = NumberOptionParser.Create<int>(
        "--concurrency", 32, v => v is >= 1 and <= 1024, "between 1 and 1024",
        "Closed-loop workers.");
    private readonly Option<double> _scrapeEvery = NumberOptionParser.Create<double>(
        "--scrape-every", 15.0, v => v == 0 || v is >= 0.1 and <= 3600, "0 or between 0.1 and 3600 seconds",
        "Seconds between GET /metrics on the watched silo (a Prometheus scrape interval); 0 for no scraper.");
    private readonly Option<double> _dashboardEvery = NumberOptionParser.Create<double>(
        "--dashboard-every", 1.0, v => v == 0 || v is >= 0.1 and <= 3600, "0 or between 0.1 and 3600 seconds",
        "Seconds between the dashboard page's polls of its read-outs on the watched silo (the page polls every 1 s); 0 for no dashboard.");
    private readonly Option<double> _warmup = NumberOptionParser.Create<double>(
        "--warmup", 2.0, v => v is >= 0.1 and <= 60, "between 0.1 and 60 seconds",
        "Seconds per silo in each warm-up round; rounds go on until neither silo's throughput still rises.");
    private readonly Option<int> _tokens = NumberOptionParser.Create<int>(
        "--tokens", 16, v => v is >= 1 and <= 1000, "between 1 and 1000",
        "Tokens in each answer of the simulated model.");
    private readonly Option<int> _maxRequests = NumberOptionParser.Create<int>(
        "--max-requests", 200_000, v => v >= 1, "at least 1",
        "Upper bound on requests per slice.");
    private readonly Option<string> _cache = new("--cache")
    {
        Description = "How requests meet the response cache: bypass (Cache-Control: no-cache, no-store, the default), miss (a new prompt each time) or hit (one prompt).",
        DefaultValueFactory = _ => "bypass",
    };
    private readonly Option<bool> _calibrate = new("--calibrate")
    {
        Description = "Telemetry off on both silos and nobody watching: the ratio then shows the bench's own bias and noise.",
    };
    private readonly Option<bool> _noBuild = new("--no-build")
    {
        Description = "Start the silos from the build output as it is, even if older than its sources (it is still built when missing).",
    };

    public OverheadWatchBenchCommand(GlobalOptions global)
        : base("watch",
            "Cost of watching: two silos from the Release build side by side, one with telemetry on, scraped (/metrics) and polled as the dashboard " +
            "polls, one with Telemetry:Enabled=false and nobody watching. Closed-loop load on the zero-latency simulated model alternates between " +
            "them in short slices, the order flipped every pair, on several fresh pairs of silos in turn; prints the median watched/unwatched throughput " +
            "ratio of the pairs and its quartiles, and the same over blocks of two pairs of opposite orders, which cancels the advantage of a slice that " +
            "follows the other silo's.")
    {
        Add(_starts);
        Add(_pairs);
        Add(_slice);
        Add(_concurrency);
        Add(_scrapeEvery);
        Add(_dashboardEvery);
        Add(_warmup);
        Add(_tokens);
        Add(_maxRequests);
        Add(_cache);
        Add(_calibrate);
        Add(_noBuild);
        _cache.AcceptOnlyFromAmong("bypass", "miss", "hit");
        Validators.Add(result =>
        {
            if (result.GetResult(global.Silo) is { Implicit: false })
            {
                result.AddError("bench overhead watch starts two silos of its own and does not take --silo");
            }
            if (MeasuredSeconds(result) is > MaxMeasuredSeconds and var measured)
            {
                result.AddError($"--starts x --pairs x 2 x --slice must be at most {MaxMeasuredSeconds:0} seconds, not {measured:0.#}");
            }
        });
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = new WatchCostSettings(
            parse.GetValue(_starts), parse.GetValue(_pairs), TimeSpan.FromSeconds(parse.GetValue(_slice)), parse.GetValue(_concurrency),
            TimeSpan.FromSeconds(parse.GetValue(_scrapeEvery)), TimeSpan.FromSeconds(parse.GetValue(_dashboardEvery)),
            TimeSpan.FromSeconds(parse.GetValue(_warmup)), parse.GetValue(_tokens),
            Enum.Parse<CacheMode>(parse.GetRequiredValue(_cache), ignoreCase: true), parse.GetValue(_maxRequests),
            parse.GetValue(_calibrate), RebuildStaleSilo: !parse.GetValue(_noBuild));
        var console = ConsoleFactory.Create();
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }
        var machine = MachineInfo.Current();
        console.WriteLine($"Cost of watching: {settings.Starts} starts of two silos, {settings.Pairs} pairs of {settings.Slice.TotalSeconds:0.#} s per silo each " +
            $"({settings.MeasuredTime.TotalSeconds:0} s of load after warm-ups), " +
            $"{settings.Concurrency} workers, {settings.OutputTokens} tokens per answer, cache {settings.Cache.ToString().ToLowerInvariant()}; " +
            (settings.Calibrate ? "calibration: nobody watches either silo; " : $"scrape every {Every(settings.ScrapeEvery)}, dashboard every {Every(settings.DashboardEvery)}; ") +
            $"{machine.Cores} cores ({machine.Cpu}), load average {Load(LoadAverage.OneMinute())}.");

        var result = await new WatchCostBenchmark(settings, line => console.WriteLine(line)).RunAsync(cancellationToken);

        console.Write(WatchCostReport.Summary(result));
        console.WriteLine(WatchCostReport.Verdict(result));
        console.WriteLine($"1-minute load average before/after: {Load(result.LoadBefore)}/{Load(result.LoadAfter)} on {machine.Cores} cores; " +
            "the load generator shares them with both silos.");
        if (result.LoadErrors > 0)
        {
            ErrorReporter.Write($"{result.LoadErrors} requests failed ({result.FirstLoadError}).");
        }
        BenchJson.WriteLastLine(WatchCostReport.Json(result, settings, machine));
        return result.LoadErrors + result.WatcherErrors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private double? MeasuredSeconds(CommandResult result)
    {
        try
        {
            return ValueOrDefault(result, _starts, DefaultStarts) * ValueOrDefault(result, _pairs, DefaultPairs) * 2 * ValueOrDefault(result, _slice, DefaultSlice);
        }
        catch (InvalidOperationException)
        {
            // One of the two did not parse; its own error already says so.
            return null;
        }
    }

    // A validator sees no value for an option left out (its default is applied later), so the default is stated here.
    private static T ValueOrDefault<T>(CommandResult result, Option<T> option, T fallback) => result.GetResult(option) is null ? fallback : result.GetValue(option)!;

    private static string Every(TimeSpan interval) => interval == TimeSpan.Zero ? "never" : $"{interval.TotalSeconds:0.#} s";

    private static string Load(double? load) => load?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
