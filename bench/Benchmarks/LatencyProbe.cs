using System.Diagnostics;

namespace Benchmarks;

/// <summary>
/// Per-call latency distribution (BenchmarkDotNet reports statistics of iteration means, which hide tails):
/// times every single awaited call with Stopwatch and prints p50/p90/p99/p99.9/max. The bare HTTP/2 round trip
/// runs in the same process and the same minute, so the runtime's share of a client-to-silo call is the difference.
/// </summary>
internal static class LatencyProbe
{
    public static async Task RunAsync(int localCalls, int remoteCalls)
    {
        await using var silo = await SiloFixture.StartAsync();
        await using var bare = await BareHttp2.StartAsync();
        var local = silo.GrainFactory.GetGrain<IEchoGrain>("bench");
        var remote = silo.Client.GetGrain<IEchoGrain>("bench");
        var record = EchoRecord.Sample();
        var immutable = ImmutableEchoRecord.Sample();

        await Warmup.RunAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), () => local.Add(1, 2), () => local.Echo(record), () => local.EchoImmutable(immutable));
        await Warmup.RunAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12), () => remote.Add(1, 2), () => remote.Echo(record), bare.RoundTripAsync);

        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        // Interleaved in rounds, so that drift (late tier-up, other processes' load) spreads over every scenario alike.
        Scenario[] scenarios =
        [
            new("local: Add(int,int)", localCalls, async () => await local.Add(20, 22)),
            new("local: Echo(record)", localCalls, async () => await local.Echo(record)),
            new("local: EchoImmutable([Immutable] record)", localCalls, async () => await local.EchoImmutable(immutable)),
            new("client->silo: Add(int,int)", remoteCalls, async () => await remote.Add(20, 22)),
            new("client->silo: Echo(record)", remoteCalls, async () => await remote.Echo(record)),
            new("bare HTTP/2 round trip (no runtime)", remoteCalls, async () => await bare.RoundTripAsync()),
        ];
        const int Rounds = 10;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var scenario in scenarios)
            {
                await scenario.RunAsync(scenario.Calls / Rounds);
            }
        }
        Console.WriteLine("| scenario | calls | mean µs | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            Console.WriteLine(scenario.Report());
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private sealed class Scenario(string name, int calls, Func<ValueTask> call)
    {
        private readonly List<long> _ticks = new(calls);

        public int Calls => calls;

        public async Task RunAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                _ticks.Add(Stopwatch.GetTimestamp() - start);
            }

        }

        public string Report()
        {
            var ticks = _ticks.ToArray();
            Array.Sort(ticks);
            double Us(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
            double At(double q) => Us(ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))]);
            return FormattableString.Invariant(
                $"| {name} | {ticks.Length} | {Us(ticks.Sum()) / ticks.Length:F2} | {At(0.50):F2} | {At(0.90):F2} | {At(0.99):F2} | {At(0.999):F2} | {Us(ticks[^1]):F2} |");
        }
    }
}
