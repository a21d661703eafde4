using System.Diagnostics;

namespace Benchmarks;

/// <summary>
/// `--loop SCENARIO SECONDS`: warms up for 4 s, prints "measuring", then runs one scenario back to back, so that a
/// profiler can attach for the steady state (see bench/README.md for the perf command). Scenarios: local-add,
/// local-echo, remote-add, remote-echo, bare-http2.
/// </summary>
internal static class CallLoop
{
    public static async Task<int> RunAsync(string scenario, double seconds)
    {
        await using var silo = await SiloFixture.StartAsync();
        await using var bare = await BareHttp2.StartAsync();
        var local = silo.GrainFactory.GetGrain<IEchoGrain>("bench");
        var remote = silo.Client.GetGrain<IEchoGrain>("bench");
        var record = EchoRecord.Sample();
        Func<Task> call = scenario switch
        {
            "local-add" => () => local.Add(20, 22),
            "local-echo" => () => local.Echo(record),
            "remote-add" => () => remote.Add(20, 22),
            "remote-echo" => () => remote.Echo(record),
            "bare-http2" => bare.RoundTripAsync,
            _ => throw new ArgumentException($"Unknown scenario '{scenario}'."),
        };
        await Warmup.RunAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12), call);
        Console.WriteLine($"measuring {scenario} for {seconds} s (pid {Environment.ProcessId})");
        var stopwatch = Stopwatch.StartNew();
        long calls = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 100; i++)
            {
                await call();
            }
            calls += 100;
        }
        Console.WriteLine(FormattableString.Invariant($"{calls} calls, {stopwatch.Elapsed.TotalMicroseconds / calls:F2} µs per call"));
        return 0;
    }
}
