using System.CommandLine;
using System.Diagnostics;
using Client.Cli;
using Client.Measurement;
using Grains.Interfaces.Diagnostics;
using Runtime.Client;
using Spectre.Console;

namespace Client.Commands;

/// <summary>`client ping`: calls a ping grain through the cluster client and reports each round trip.</summary>
internal sealed class PingCommand : Command
{
    private const int DefaultCount = 4;

    private readonly GlobalOptions _global;

    private readonly Option<int> _count = new("--count", "-n")
    {
        Description = "How many pings to send.",
        DefaultValueFactory = _ => DefaultCount,
        // A parser rather than a validator: a validator reading a value that does not convert ("abc") throws.
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return DefaultCount;
            }
            if (int.TryParse(result.Tokens[0].Value, out var count) && count >= 1)
            {
                return count;
            }
            result.AddError($"--count must be a whole number of at least 1, not '{result.Tokens[0].Value}'.");
            return 0;
        },
    };

    private readonly Option<string> _key = new("--key", "-k")
    {
        Description = "Key of the ping grain to call; each key keeps its own count.",
        DefaultValueFactory = _ => "ping",
    };

    public PingCommand(GlobalOptions global)
        : base("ping", "Call a grain in the cluster and print the round-trip times.")
    {
        _global = global;
        _key.Validators.Add(result =>
        {
            if (string.IsNullOrEmpty(result.GetValueOrDefault<string>()))
            {
                result.AddError("--key must not be empty.");
            }
        });
        Add(_count);
        Add(_key);
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var silo = parse.GetRequiredValue(_global.Silo);
        var count = parse.GetValue(_count);
        var key = parse.GetRequiredValue(_key);
        var console = ConsoleFactory.Create();

        await using var client = await ClusterClient.ConnectAsync(silo, cancellationToken);
        var grain = client.GetGrain<IPingGrain>(key);
        console.MarkupLine($"Pinging grain [bold]{Markup.Escape(key)}[/] through {Markup.Escape(silo)}");

        var samples = new List<TimeSpan>(count);
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var started = Stopwatch.GetTimestamp();
            var reply = await grain.Ping(sequence, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            samples.Add(elapsed);
            console.MarkupLine(
                $"reply from {Markup.Escape(reply.SiloName)} ({Markup.Escape(reply.SiloEndpoint)}): " +
                $"seq={reply.Sequence} count={reply.Count} time=[bold]{Milliseconds(elapsed)} ms[/]");
        }

        var summary = LatencySummary.From(samples);
        var table = new Table().AddColumns("pings", "min (ms)", "median (ms)", "max (ms)");
        table.AddRow(summary.Count.ToString(), Milliseconds(summary.Min), Milliseconds(summary.Median), Milliseconds(summary.Max));
        console.Write(table);
        return ExitCodes.Success;
    }

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0.00");
}
