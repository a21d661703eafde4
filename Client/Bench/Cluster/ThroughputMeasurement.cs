using Client.Bench.Hosting;
using Client.Bench.Overhead;
using Runtime.Client;
using Grains.Interfaces.Sessions;

namespace Client.Bench.Cluster;

/// <summary>
/// Session turns under closed-loop load: every worker takes turns on sessions of its own, each sent to the silo the
/// setup chooses for it (round-robin over the silos, as a load balancer would, or straight to the session's owner).
/// </summary>
internal sealed class ThroughputMeasurement(HttpClient http, ClusterBenchSettings settings, DynamoDbLocalProcess? dynamoDb)
{
    private const double WarmUpGain = 0.05;
    private const int MinWarmUpRounds = 2;
    private const int MaxWarmUpRounds = 6;

    /// <param name="sessionPrefix">Sessions are named from it, so each setup can start on sessions of its own.</param>
    /// <param name="client">A client connected to the cluster, to compute each session's owner; it knows the silos' API addresses.</param>
    /// <param name="toOwner">Send each turn to its session's owner instead of round-robin by worker.</param>
    public async Task<ThroughputResult> RunAsync(
        string setup, IReadOnlyList<ClusterSilo> silos, ClusterClient client, string sessionPrefix, bool toOwner, CancellationToken cancellationToken)
    {
        var apiUrlOf = client.Members.Where(m => m.ApiUrl is not null).ToDictionary(m => m.Silo, m => m.ApiUrl!);
        var forwarded = 0;
        var workers = new List<ILoadProbe>();
        for (var worker = 0; worker < settings.Concurrency; worker++)
        {
            var uris = new List<Uri>();
            for (var i = 0; i < ClusterBenchSettings.SessionsPerWorker; i++)
            {
                var session = $"{sessionPrefix}-{worker * ClusterBenchSettings.SessionsPerWorker + i}";
                var owner = apiUrlOf[client.OwnerOf<ISessionGrain>(SessionKey.For(SessionApi.AnonymousTenant, session))];
                var entry = toOwner ? owner : silos[worker % silos.Count].Process.Url;
                forwarded += SameSilo(entry, owner) ? 0 : 1;
                uris.Add(SessionApi.MessagesUri(entry, session));
            }
            workers.Add(new SessionTurnProbe(http, uris));
        }

        var warmupRounds = await WarmUpAsync(workers, cancellationToken);
        var cpu = CpuMeter.Start([.. silos.Select(s => s.Process)], dynamoDb);
        var samples = await ClosedLoopRunner.RunAsync(workers, settings.Duration, int.MaxValue, cancellationToken);
        if (silos.FirstOrDefault(s => s.Process.HasExited) is { } gone)
        {
            // Under saturation a silo can miss enough heartbeats to be declared dead, and then it stops itself.
            throw new InvalidOperationException($"{gone.Name} (pid {gone.Process.Pid}) exited during the {setup} point. Its last output: {gone.Process.LastOutput()}");
        }
        var share = cpu.Stop();
        return new ThroughputResult(
            setup, silos.Count, settings.Concurrency, samples.TotalMs.Length, samples.Errors, samples.FirstError, samples.Elapsed,
            LatencyPercentiles.Of(samples.TotalMs), forwarded / (double)(settings.Concurrency * ClusterBenchSettings.SessionsPerWorker), share, warmupRounds);
    }

    /// <summary>
    /// Rounds of load until throughput stops rising: the first activates every session (a DynamoDB read each), and
    /// tiered JIT keeps recompiling hot paths for seconds in every process, DynamoDB Local's JVM the slowest of them.
    /// A point measured before that measures the JIT, and the first point would pay for everything that comes after.
    /// </summary>
    private async Task<int> WarmUpAsync(IReadOnlyList<ILoadProbe> workers, CancellationToken cancellationToken)
    {
        var best = 0.0;
        for (var round = 1; ; round++)
        {
            var samples = await ClosedLoopRunner.RunAsync(workers, settings.Warmup, int.MaxValue, cancellationToken);
            var rate = samples.TotalMs.Length / Math.Max(samples.Elapsed.TotalSeconds, 1e-9);
            var rose = rate > best * (1 + WarmUpGain);
            best = Math.Max(best, rate);
            if ((!rose && round >= MinWarmUpRounds) || round == MaxWarmUpRounds)
            {
                return round;
            }
        }
    }

    private static bool SameSilo(string first, string second) => string.Equals(first.TrimEnd('/'), second.TrimEnd('/'), StringComparison.Ordinal);
}
