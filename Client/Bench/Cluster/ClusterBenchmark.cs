using System.Net;
using Client.Bench.Hosting;
using Runtime.Client;

namespace Client.Bench.Cluster;

/// <summary>
/// Runs the phases in order. On a first cluster, with the failure detection silos are deployed with: throughput with
/// one silo; two more join and throughput is measured again (round-robin entry, then entry at each session's owner);
/// forwarded against direct calls. Then, on a second cluster with test-sized failure detection, the kills.
/// </summary>
internal sealed class ClusterBenchmark(ClusterBenchSettings settings, Action<string> log)
{
    public async Task<ClusterBenchResults> RunAsync(CancellationToken cancellationToken)
    {
        // Every run names its tables, sessions and grains afresh, so a run against a reused DynamoDB starts empty.
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var dynamoDb = await StartDynamoDbAsync(cancellationToken);
        var dynamoDbUrl = settings.DynamoDbUrl ?? dynamoDb!.Url;
        var siloDll = await SiloBuild.EnsureAsync(settings.RebuildStaleSilo, log, cancellationToken);
        using var http = LoopbackHttp.CreateClient();

        // Test-sized detection only where it is measured: under saturation on a shared machine a silo can miss
        // 1.5 s of heartbeats while it is perfectly healthy, be declared dead and stop, which ends the load points.
        ThroughputResult[] throughput;
        ForwardingResult[] forwarding;
        await using (var cluster = new LocalCluster(settings, siloDll, dynamoDbUrl, $"bench-cluster-{run}-load", testSizedDetection: false))
        {
            (throughput, forwarding) = await LoadAsync(cluster, http, dynamoDb, run, cancellationToken);
        }

        log($"Failover: a new cluster of three, heartbeat every {settings.HeartbeatPeriod.TotalMilliseconds:0} ms, dead after {settings.MissedHeartbeats} missed; " +
            $"SIGKILL one silo, {settings.Kills} times.");
        await using var failover = new LocalCluster(settings, siloDll, dynamoDbUrl, $"bench-cluster-{run}-failover", testSizedDetection: true);
        await failover.StartAsync([0, 1, 2], cancellationToken);
        LogSilos(failover);
        await using var client = await ClusterClient.ConnectAsync(failover[0]!.Process.Url, cancellationToken);
        var kills = await new FailoverMeasurement(http, settings, failover, log).RunAsync(client, $"{run}-failover", cancellationToken);
        return new ClusterBenchResults(throughput, forwarding, kills);
    }

    private async Task<(ThroughputResult[], ForwardingResult[])> LoadAsync(
        LocalCluster cluster, HttpClient http, DynamoDbLocalProcess? dynamoDb, string run, CancellationToken cancellationToken)
    {
        await cluster.StartAsync([0], cancellationToken);
        LogSilos(cluster);
        await using var client = await ClusterClient.ConnectAsync(cluster[0]!.Process.Url, cancellationToken);
        var throughput = new ThroughputMeasurement(http, settings, dynamoDb);
        var one = await throughput.RunAsync(ClusterBenchResults.OneSilo, cluster.Running, client, $"{run}-one", toOwner: false, cancellationToken);
        log(Describe(one));

        await cluster.StartAsync([1, 2], cancellationToken);
        await client.RefreshAsync(cancellationToken);
        LogSilos(cluster);
        var spread = await throughput.RunAsync(ClusterBenchResults.ThreeSilos, cluster.Running, client, $"{run}-three", toOwner: false, cancellationToken);
        log(Describe(spread));
        // The same sessions, already active on their owners: only the entry silo changes.
        var toOwner = await throughput.RunAsync(ClusterBenchResults.ThreeSilosToOwner, cluster.Running, client, $"{run}-three", toOwner: true, cancellationToken);
        log(Describe(toOwner));

        var forwarding = new ForwardingMeasurement(http, settings);
        var grainCalls = await forwarding.GrainCallsAsync(client, $"{run}-ping", cancellationToken);
        log(Describe(grainCalls));
        var sessionReads = await forwarding.SessionReadsAsync(client, $"{run}-read", cancellationToken);
        log(Describe(sessionReads));
        return ([one, spread, toOwner], [grainCalls, sessionReads]);
    }

    /// <summary>DynamoDB Local started here, or null when --dynamodb names one (checked to answer first).</summary>
    private async Task<DynamoDbLocalProcess?> StartDynamoDbAsync(CancellationToken cancellationToken)
    {
        if (settings.DynamoDbUrl is { } given)
        {
            return await DynamoDbLocalProcess.IsListeningAsync(new Uri(given), cancellationToken)
                ? null
                : throw new InvalidOperationException($"Nothing answers at {given} (--dynamodb); start DynamoDB Local there or leave --dynamodb out to let the bench start one.");
        }
        var started = await DynamoDbLocalProcess.StartAsync(cancellationToken);
        log($"DynamoDB Local: {started.Url} (pid {started.Pid}, in memory)");
        return started;
    }

    private void LogSilos(LocalCluster cluster) =>
        log("Silos: " + string.Join(", ", cluster.Running.Select(s => $"{s.Name} {s.Process.Url} (pid {s.Process.Pid})")));

    private static string Describe(ThroughputResult point)
    {
        var latency = point.Latency is { } l ? $"p50 {l.P50:0.00} ms, p99 {l.P99:0.00} ms" : "no answers";
        var errors = point.Errors > 0 ? $", {point.Errors} errors ({point.FirstError})" : "";
        return $"  {point.Setup,-21} {point.RequestsPerSecond,7:0} turns/s, {latency} (after {point.WarmupRounds} warm-up rounds){errors}";
    }

    private static string Describe(ForwardingResult result)
    {
        var errors = result.Errors > 0 ? $", {result.Errors} errors ({result.FirstError})" : "";
        return $"  {result.Kind,-13} direct p50 {result.Direct?.P50:0.000} ms, forwarded p50 {result.Forwarded?.P50:0.000} ms{errors}";
    }
}
