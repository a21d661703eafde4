using System.CommandLine;
using Client.Bench;
using Client.Bench.Overhead;
using Client.Cli;
using Spectre.Console;

namespace Client.Commands.Bench;

/// <summary>`client bench overhead`: the latency the silo adds in front of a model with zero latency.</summary>
internal sealed class OverheadBenchCommand : Command
{
    private const int RemoteUpstreamPort = 18099;

    private readonly GlobalOptions _global;
    private readonly Option<double> _seconds = NumberOptionParser.Create<double>(
        "--seconds", 3.0, v => v is > 0 and <= 600, "above 0 and at most 600",
        "How long each point is measured.");
    private readonly Option<double> _warmup = NumberOptionParser.Create<double>(
        "--warmup", 0.5, v => v is >= 0 and <= 60, "between 0 and 60",
        "Warm-up before each point, in seconds; at the start, rounds of 2x this per route until throughput stops rising.");
    private readonly Option<int[]> _concurrency = new("--concurrency")
    {
        Description = "Closed-loop workers per point.",
        DefaultValueFactory = _ => [1, 16, 64],
        AllowMultipleArgumentsPerToken = true,
        CustomParser = r => NumberOptionParser.Many(r, "--concurrency", [1, 16, 64], v => v is >= 1 and <= 1024, "one or more values from 1 to 1024"),
    };
    private readonly Option<int> _tokens = NumberOptionParser.Create<int>(
        "--tokens", 16, v => v is >= 1 and <= 1000, "between 1 and 1000",
        "Tokens in each answer (both models).");
    private readonly Option<int> _maxRequests = NumberOptionParser.Create<int>(
        "--max-requests", 200_000, v => v >= 1, "at least 1",
        "Upper bound on requests per point.");
    private readonly Option<string> _upstream = new("--upstream")
    {
        Description = "Which zero-latency model to measure behind the silo.",
        DefaultValueFactory = _ => "both",
    };
    private readonly Option<string> _mode = new("--mode") { Description = "Which answers to measure.", DefaultValueFactory = _ => "both" };
    private readonly Option<string> _cache = new("--cache")
    {
        Description = "How requests meet the silo's response cache: miss (a new prompt each time, the default), bypass (Cache-Control: no-cache, no-store) or hit (one prompt).",
        DefaultValueFactory = _ => "miss",
    };
    private readonly Option<bool> _noBuild = new("--no-build")
    {
        Description = "Start the silo from its build output as it is, even if older than its sources (it is still built when missing).",
    };
    private readonly Option<string?> _svg = new("--svg") { Description = "Also write the headline figures, beside a peer gateway's, as an SVG chart to this file.", HelpName = "file" };
    private readonly Option<int?> _upstreamPort = new("--upstream-port")
    {
        Description = $"Port of the bench's zero-latency OpenAI-compatible upstream (default: a free one, or {RemoteUpstreamPort} with --silo).",
        CustomParser = r => NumberOptionParser.One<int>(r, "--upstream-port", 0, v => v is >= 0 and <= 65535, "between 0 and 65535"),
    };

    public OverheadBenchCommand(GlobalOptions global)
        : base("overhead",
            "Latency the silo adds over a zero-latency model (simulated, and an OpenAI-compatible upstream on loopback): p50/p90/p99, " +
            "first streamed byte and requests/s at each concurrency. Starts a silo from the build output unless --silo is given; " +
            "a silo given with --silo must configure bench-zero (Provider=simulated, TtftMs=0, TokensPerSecond=0) and bench-openai " +
            "(Provider=openai, Endpoint=http://127.0.0.1:<--upstream-port>/v1).")
    {
        _global = global;
        Add(_seconds);
        Add(_warmup);
        Add(_concurrency);
        Add(_tokens);
        Add(_maxRequests);
        Add(_upstream);
        Add(_mode);
        Add(_cache);
        Add(_noBuild);
        Add(_svg);
        Add(_upstreamPort);
        Add(new OverheadWatchBenchCommand(global));
        _cache.AcceptOnlyFromAmong("miss", "bypass", "hit");
        _upstream.AcceptOnlyFromAmong("simulated", "openai", "both");
        _mode.AcceptOnlyFromAmong("json", "sse", "both");
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var warmup = TimeSpan.FromSeconds(parse.GetValue(_warmup));
        var settings = new OverheadSettings(
            TimeSpan.FromSeconds(parse.GetValue(_seconds)), warmup, warmup * 2,
            [.. parse.GetRequiredValue(_concurrency).Distinct().Order()], parse.GetValue(_tokens), parse.GetValue(_maxRequests),
            Routes(parse.GetRequiredValue(_upstream)), Modes(parse.GetRequiredValue(_mode)),
            Enum.Parse<CacheMode>(parse.GetRequiredValue(_cache), ignoreCase: true), RebuildStaleSilo: !parse.GetValue(_noBuild));
        // The global --silo has a default; only an explicit one means "measure that running silo".
        var remoteSilo = parse.GetResult(_global.Silo) is { Implicit: false } ? parse.GetRequiredValue(_global.Silo) : null;
        var upstreamPort = parse.GetValue(_upstreamPort) ?? (remoteSilo is null ? 0 : RemoteUpstreamPort);

        var console = ConsoleFactory.Create();
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when it cannot ask a terminal; the points table needs more to stay readable.
            console.Profile.Width = 200;
        }
        var machine = MachineInfo.Current();
        console.WriteLine($"Overhead of the silo over a zero-latency model: {settings.Duration.TotalSeconds:0.#} s per point after {warmup.TotalSeconds:0.#} s of warm-up, " +
            $"concurrency {string.Join(", ", settings.Concurrencies)}, {settings.OutputTokens} tokens per answer, " +
            $"cache {settings.Cache.ToString().ToLowerInvariant()}; {machine.Cores} cores ({machine.Cpu}).");
        var benchmark = new OverheadBenchmark(settings, line => console.WriteLine(line));
        var results = new OverheadResults(await benchmark.RunAsync(remoteSilo, upstreamPort, cancellationToken));

        console.Write(OverheadTables.Points(results));
        console.Write(OverheadTables.Added(results, settings.Concurrencies));
        console.Write(OverheadTables.Targets(results));
        console.WriteLine("The load generator (and the upstream) share the machine's cores with the silo; silo CPU µs/req is what the silo itself spends.");
        if (parse.GetValue(_svg) is { Length: > 0 } svg)
        {
            OverheadChart.Write(svg, results);
            console.WriteLine($"Chart: {svg}");
        }
        BenchJson.WriteLastLine(OverheadReport.Json(results, settings, machine, remoteSilo ?? "process"));
        return results.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static BenchRoute[] Routes(string upstream) => upstream switch
    {
        "simulated" => [BenchRoute.SimulatedViaSilo],
        "openai" => [BenchRoute.OpenAiDirect, BenchRoute.OpenAiViaSilo],
        _ => [BenchRoute.SimulatedViaSilo, BenchRoute.OpenAiDirect, BenchRoute.OpenAiViaSilo],
    };

    private static bool[] Modes(string mode) => mode switch
    {
        "json" => [false],
        "sse" => [true],
        _ => [false, true],
    };
}
