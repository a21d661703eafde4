using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Client.Bench;
using Client.Bench.Fanout;
using Client.Cli;
using Spectre.Console;

namespace Client.Commands.Bench;

/// <summary>
/// `client bench fanout`: the seeds' tool sets as jobs, parallel against sequential, and a batch of slides under a
/// concurrency cap against the best schedule its tools' durations allow; in-process, on simulated models.
/// </summary>
internal sealed class FanoutBenchCommand : Command
{
    private const int RedirectedWidth = 200;

    private readonly Option<double> _timeScale = new("--time-scale")
    {
        Description = "Multiplies every simulated latency (1 = the seeds' 5-15 s tools). Ratios do not depend on it; fixed per-job costs weigh more at small scales.",
        DefaultValueFactory = _ => 0.1,
        CustomParser = result => Parse(result, "--time-scale", 0.1, v => v is > 0 and <= 10, "a number above 0 and at most 10"),
    };
    private readonly Option<int> _runs = new("--runs")
    {
        Description = "Runs of each scenario; the table shows the median run.",
        DefaultValueFactory = _ => 3,
        CustomParser = result => (int)Parse(result, "--runs", 3, v => v is >= 1 and <= 50 && v == Math.Floor(v), "a whole number from 1 to 50"),
    };
    private readonly Option<int> _slides = new("--slides")
    {
        Description = "Slides in the batch (each runs the 7 fields of the slides set).",
        DefaultValueFactory = _ => 10,
        CustomParser = result => (int)Parse(result, "--slides", 10, v => v is >= 2 and <= 100 && v == Math.Floor(v), "a whole number from 2 to 100"),
    };
    private readonly Option<int> _cap = new("--max-concurrency", "-k")
    {
        Description = "The batch's cap on tools in flight (K).",
        DefaultValueFactory = _ => 8,
        CustomParser = result => (int)Parse(result, "--max-concurrency", 8, v => v is >= 1 and <= 1000 && v == Math.Floor(v), "a whole number from 1 to 1000"),
    };
    private readonly Option<string?> _svg = new("--svg") { Description = "Also write the results as an SVG chart to this file.", HelpName = "file" };

    public FanoutBenchCommand(GlobalOptions global)
        : base("fanout", "Job fan-out: makespan against the slowest tool (parallel vs sequential), and a capped batch against its ideal schedule.")
    {
        // The bench runs its own embedded silo, so it has no use for --silo; it takes the global options as every command does.
        _ = global;
        Add(_timeScale);
        Add(_runs);
        Add(_slides);
        Add(_cap);
        Add(_svg);
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = new FanoutSettings(parse.GetValue(_timeScale), parse.GetValue(_runs), parse.GetValue(_slides), parse.GetValue(_cap));
        var console = ConsoleFactory.Create();
        if (Console.IsOutputRedirected)
        {
            // A file has no width; Spectre would assume 80 columns and fold the table's ten columns into slivers.
            console.Profile.Width = RedirectedWidth;
        }
        console.MarkupLine($"Fan-out: architect (4 LLM tools + validate_template) and slides (7 fields), parallel and sequential; {settings.Slides} slides x 7 fields at most {settings.BatchCap} at once.");
        console.MarkupLine($"Simulated models without jitter, latencies x{settings.TimeScale}; {settings.Runs} runs each.");
        var benchmark = new FanoutBenchmark(settings, (run, index) => console.MarkupLine(
            $"[grey]run {index}: {Markup.Escape(run.Scenario.Name)}: makespan {run.MakespanMs:0.0} ms, slowest tool {run.SlowestToolMs:0.0} ms, ideal {run.IdealMs:0.0} ms, client wall {run.WallMs:0.0} ms[/]"));
        var runs = await benchmark.RunAsync(cancellationToken);
        var summary = FanoutSummary.Of(settings, benchmark.Scenarios, runs);

        console.Write(FanoutTables.Results(summary));
        console.Write(FanoutTables.Targets(summary));
        console.WriteLine("Parallel over sequential: " + string.Join(", ", summary.Speedups.Select(s => $"{s.Key} x{s.Value:0.00}")));
        if (parse.GetValue(_svg) is { Length: > 0 } svg)
        {
            FanoutChart.Write(svg, summary);
            console.WriteLine($"Chart: {svg}");
        }
        BenchJson.WriteLastLine(FanoutJson.Of(summary));
        return ExitCodes.Success;
    }

    // A parser rather than a validator: a validator reading a value that does not convert ("abc") throws.
    private static double Parse(ArgumentResult result, string name, double fallback, Func<double, bool> valid, string expected)
    {
        if (result.Tokens.Count == 0)
        {
            return fallback;
        }
        if (double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && valid(value))
        {
            return value;
        }
        result.AddError($"{name} must be {expected}, not '{result.Tokens[0].Value}'.");
        return fallback;
    }
}
