using System.CommandLine;
using System.Globalization;
using Client.Bench;
using Client.Bench.Cache;
using Client.Bench.Cluster;
using Client.Bench.Overhead;
using Client.Cli;
using Spectre.Console;

namespace Client.Commands.Bench;

/// <summary>`client bench cluster`: throughput with one and three silos, forwarded against direct calls, and SIGKILL to served.</summary>
internal sealed class ClusterBenchCommand : Command
{
    private readonly Option<double> _seconds = NumberOptionParser.Create<double>(
        "--seconds", 8.0, v => v is > 0 and <= 600, "above 0 and at most 600",
        "How long each throughput point is measured.");
    private readonly Option<double> _warmup = NumberOptionParser.Create<double>(
        "--warmup", 2.0, v => v is >= 0 and <= 120, "between 0 and 120",
        "Seconds per round of warm-up before each throughput point; rounds go on until throughput stops rising by 5% (2 to 6 rounds).");
    private readonly Option<int> _concurrency = NumberOptionParser.Create<int>(
        "--concurrency", 32, v => v is >= 1 and <= 512, "between 1 and 512",
        $"Closed-loop workers for throughput, each with {ClusterBenchSettings.SessionsPerWorker} sessions of its own.");
    private readonly Option<int> _calls = NumberOptionParser.Create<int>(
        "--calls", 2000, v => v is >= 1 and <= 1_000_000, "between 1 and 1000000",
        "Direct and forwarded call pairs timed per kind (grain call, session read), after a quarter as many (at least 10) to warm up.");
    private readonly Option<int> _kills = NumberOptionParser.Create<int>(
        "--kills", 3, v => v is >= 1 and <= 20, "between 1 and 20",
        "Silos SIGKILLed one after another (a new silo takes each one's place before the next kill).");
    private readonly Option<int> _heartbeat = NumberOptionParser.Create<int>(
        "--heartbeat-ms", 500, v => v is >= 50 and <= 60_000, "between 50 and 60000",
        "Cluster:HeartbeatPeriod in ms of the cluster the kills are timed on (test-sized; the load points run with the silos' default, 2000).");
    private readonly Option<int> _missed = NumberOptionParser.Create<int>(
        "--missed-heartbeats", 3, v => v is >= 2 and <= 100, "between 2 and 100",
        "Cluster:MissedHeartbeatsToDeclareDead of the cluster the kills are timed on.");
    private readonly Option<double> _killTimeout = NumberOptionParser.Create<double>(
        "--kill-timeout", 30.0, v => v is >= 1 and <= 600, "between 1 and 600",
        "Seconds to wait, after each kill, for the killed silo's sessions to be served again before counting them as not served.");
    private readonly Option<string?> _dynamoDb = new("--dynamodb")
    {
        Description = "A running DynamoDB (Local) to use, e.g. http://127.0.0.1:8000; without it the bench starts DynamoDB Local from .tools/dynamodb (installed by scripts/test.sh).",
        HelpName = "url",
    };
    private readonly Option<bool> _noBuild = new("--no-build")
    {
        Description = "Start the silos from their build output as it is, even if older than its sources (it is still built when missing).",
    };

    public ClusterBenchCommand(GlobalOptions global)
        : base("cluster",
            "Three silo processes over DynamoDB on this machine: session-turn throughput with one and three silos, the cost of a forwarded call " +
            "against a direct one, and the time from SIGKILL to the dead silo's sessions being served again. Starts its own silos (and DynamoDB " +
            "Local unless --dynamodb is given); about 2 minutes with the defaults.")
    {
        foreach (var option in new Option[] { _seconds, _warmup, _concurrency, _calls, _kills, _heartbeat, _missed, _killTimeout, _dynamoDb, _noBuild })
        {
            Add(option);
        }
        _dynamoDb.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--dynamodb must be an http(s) URL such as http://127.0.0.1:8000, not '{value}'.");
            }
        });
        Validators.Add(result =>
        {
            // --silo is global, with a default; only an explicit one is a mistake here.
            if (result.GetResult(global.Silo) is { Implicit: false })
            {
                result.AddError("bench cluster starts its own silos and takes no --silo; use --dynamodb to choose the DynamoDB they share.");
            }
        });
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = new ClusterBenchSettings(
            TimeSpan.FromSeconds(parse.GetValue(_seconds)), TimeSpan.FromSeconds(parse.GetValue(_warmup)), parse.GetValue(_concurrency),
            parse.GetValue(_calls), parse.GetValue(_kills), TimeSpan.FromMilliseconds(parse.GetValue(_heartbeat)), parse.GetValue(_missed),
            TimeSpan.FromSeconds(parse.GetValue(_killTimeout)), parse.GetValue(_dynamoDb), RebuildStaleSilo: !parse.GetValue(_noBuild));
        var console = ConsoleFactory.Create();
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when it cannot ask a terminal; the throughput table needs more to stay readable.
            console.Profile.Width = 200;
        }
        var machine = MachineInfo.Current();
        var loadBefore = LoadAverage.OneMinute();
        console.WriteLine($"Cluster: session turns on a zero-latency simulated model ({ClusterBenchSettings.OutputTokens} tokens), {settings.Concurrency} workers, " +
            $"{settings.Duration.TotalSeconds:0.#} s per point after warm-up rounds of {settings.Warmup.TotalSeconds:0.#} s; {settings.Calls} forwarded/direct pairs per kind; {settings.Kills} kills.");
        console.WriteLine($"Machine: {machine.Cores} cores ({machine.Cpu}), 1-minute load average {Load(loadBefore)}.");

        var results = await new ClusterBenchmark(settings, line => console.WriteLine(line)).RunAsync(cancellationToken);
        var loadAfter = LoadAverage.OneMinute();

        console.Write(ClusterTables.Throughput(results));
        console.Write(ClusterTables.Forwarding(results));
        console.Write(ClusterTables.Failover(results));
        console.WriteLine($"Every process shares the machine's {machine.Cores} cores: the silos, DynamoDB Local and the load generator, so three silos cannot scale here;");
        console.WriteLine("they add transport hops instead (a turn entering at a non-owner is relayed to the session's owner).");
        console.WriteLine($"Failure detection: heartbeat {settings.HeartbeatPeriod.TotalMilliseconds:0} ms, dead after {settings.MissedHeartbeats} missed. " +
            $"1-minute load average before/after: {Load(loadBefore)}/{Load(loadAfter)}.");
        if (results.Errors > 0 || results.KillsNotRecovered > 0)
        {
            ErrorReporter.Write($"{results.Errors} calls failed and {results.KillsNotRecovered} kills left sessions unserved or with turns missing; see the tables.");
        }
        BenchJson.WriteLastLine(ClusterReport.Json(results, settings, machine, settings.DynamoDbUrl ?? "started", loadBefore, loadAfter));
        return results.Errors == 0 && results.KillsNotRecovered == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Load(double? load) => load?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";
}
