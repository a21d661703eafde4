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

        // The warm-up activates every session (a DynamoDB read each) and lets tiered JIT settle in every process.
        await ClosedLoopRunner.RunAsync(workers, settings.Warmup, int.MaxValue, cancellationToken);
        var cpu = CpuMeter.Start([.. silos.Select(s => s.Process)], dynamoDb);
        var samples = await ClosedLoopRunner.RunAsync(workers, settings.Duration, int.MaxValue, cancellationToken);
        var share = cpu.Stop();
        return new ThroughputResult(
            setup, silos.Count, settings.Concurrency, samples.TotalMs.Length, samples.Errors, samples.FirstError, samples.Elapsed,
            LatencyPercentiles.Of(samples.TotalMs), forwarded / (double)(settings.Concurrency * ClusterBenchSettings.SessionsPerWorker), share);
    }

    private static bool SameSilo(string first, string second) => string.Equals(first.TrimEnd('/'), second.TrimEnd('/'), StringComparison.Ordinal);
}
