using System.CommandLine;
using Client.Bench;
using Client.Bench.Cache;
using Client.Bench.Hosting;
using Client.Bench.Overhead;
using Client.Cli;
using Spectre.Console;

namespace Client.Commands.Bench;

/// <summary>`client bench cache`: exact hits against misses end to end over loopback HTTP, and the semantic cache's pair set.</summary>
internal sealed class CacheBenchCommand : Command
{
    private readonly GlobalOptions _global;
    private readonly Option<int> _hits = new("--hits") { Description = "Exact hits measured per answer mode (json, sse).", DefaultValueFactory = _ => 5000 };
    private readonly Option<int> _warmup = new("--warmup") { Description = "Hits sent before measuring, per answer mode (tiered JIT settles in both processes).", DefaultValueFactory = _ => 20000 };
    private readonly Option<int> _misses = new("--misses") { Description = "Misses measured per answer mode (each waits for the simulated model).", DefaultValueFactory = _ => 40 };
    private readonly Option<double> _ttft = new("--ttft-ms") { Description = "Time to first token of the simulated model behind misses.", DefaultValueFactory = _ => 250 };
    private readonly Option<double> _jitter = new("--ttft-jitter-ms") { Description = "Uniform jitter either way on that time to first token.", DefaultValueFactory = _ => 50 };
    private readonly Option<double> _rate = new("--tokens-per-second") { Description = "Token rate of the simulated model after the first token.", DefaultValueFactory = _ => 150 };
    private readonly Option<int> _tokens = new("--tokens") { Description = "Tokens in each answer.", DefaultValueFactory = _ => 16 };

    public CacheBenchCommand(GlobalOptions global)
        : base("cache",
            "Response cache: exact-hit latency end to end over loopback HTTP (p50/p99 at concurrency 1, JSON and SSE replay) against misses " +
            "served by a simulated model with a realistic time to first token, and the semantic cache's hits and false hits on its pair sets. " +
            "Starts a silo from the build output unless --silo is given; a silo given with --silo must configure the bench's two models " +
            $"({CacheBenchSettings.SlowModel}, {CacheBenchSettings.InstantModel}; the error message lists the settings) and accept anonymous calls.")
    {
        _global = global;
        Add(_hits);
        Add(_warmup);
        Add(_misses);
        Add(_ttft);
        Add(_jitter);
        Add(_rate);
        Add(_tokens);
        foreach (var (option, min, max) in new[] { (_hits, 1, 1_000_000), (_warmup, 0, 1_000_000), (_misses, 1, 10_000), (_tokens, 1, 1000) })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < min || result.GetValueOrDefault<int>() > max)
                {
                    result.AddError($"{option.Name} must be between {min} and {max}.");
                }
            });
        }
        foreach (var option in new[] { _ttft, _jitter, _rate })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<double>() is < 0 or > 600_000)
                {
                    result.AddError($"{option.Name} must be between 0 and 600000.");
                }
            });
        }
        SetAction((parse, cancellationToken) => ErrorReporter.RunAsync(token => RunAsync(parse, token), cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = new CacheBenchSettings(
            parse.GetValue(_hits), parse.GetValue(_warmup), parse.GetValue(_misses), parse.GetValue(_ttft), parse.GetValue(_jitter), parse.GetValue(_rate), parse.GetValue(_tokens));
        // The global --silo has a default; only an explicit one means "measure that running silo".
        var remoteSilo = parse.GetResult(_global.Silo) is { Implicit: false } ? parse.GetRequiredValue(_global.Silo) : null;
        var console = ConsoleFactory.Create();
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }
        var machine = MachineInfo.Current();
        console.WriteLine($"Response cache: {settings.Hits} exact hits per mode after {settings.Warmup} warm-up, {settings.Misses} misses per mode " +
            $"(simulated model: TTFT {settings.TtftMs:0}±{settings.TtftJitterMs:0} ms, {settings.TokensPerSecond:0} tokens/s, {settings.Tokens} tokens), concurrency 1; " +
            $"{machine.Cores} cores ({machine.Cpu}).");

        await using var silo = remoteSilo is null ? await StartSiloAsync(settings, line => console.WriteLine(line), cancellationToken) : null;
        var siloUrl = remoteSilo ?? silo!.Url;
        console.WriteLine(silo is null ? $"Silo: {siloUrl} (running)" : $"Silo: {siloUrl} (pid {silo.Pid}, started from the {SiloBuild.Configuration} build)");
        CacheBenchResults results;
        var loadBefore = LoadAverage.OneMinute();
        try
        {
            results = await new CacheBenchmark(settings, line => console.WriteLine(line)).RunAsync(siloUrl, cancellationToken);
        }
        catch (Exception exception) when (remoteSilo is not null && exception is HttpRequestException or InvalidDataException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{exception.Message}. A silo given with --silo needs the bench's models: start it with {string.Join(' ', settings.ModelArguments())}", exception);
        }

        double?[] load = [loadBefore, LoadAverage.OneMinute()];
        console.Write(CacheReport.Latencies(results));
        console.Write(CacheReport.Semantic(results));
        foreach (var failure in results.Semantic.SelectMany(s => s.Failures.Select(f => $"{s.Set}: {f}")))
        {
            console.WriteLine(failure);
        }
        console.Write(CacheReport.Targets(results));
        console.WriteLine("The bench and the silo share the machine's cores; \"silo total\" is the silo's own Server-Timing total for the same requests. " +
            $"1-minute load average before/after: {Load(load[0])}/{Load(load[1])} on {machine.Cores} cores.");
        if (results.Errors > 0)
        {
            ErrorReporter.Write($"{results.Errors} requests did not get the expected X-Cache ({results.FirstError}).");
        }
        BenchJson.WriteLastLine(CacheReport.Json(results, settings, machine, remoteSilo ?? "process", load));
        return results.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<SiloProcess> StartSiloAsync(CacheBenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        var dll = await SiloBuild.EnsureAsync(rebuildStale: true, log, cancellationToken);
        return await SiloProcess.StartAsync(dll, settings.ModelArguments(), cancellationToken);
    }

    private static string Load(double? load) => load?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
