using System.Globalization;

namespace Client.Bench.Cluster;

/// <summary>
/// How `bench cluster` runs: each throughput point is warmed up for <see cref="Warmup"/> and measured for
/// <see cref="Duration"/> with <see cref="Concurrency"/> closed-loop workers; forwarding is timed over
/// <see cref="Calls"/> call pairs per kind; failover kills a silo <see cref="Kills"/> times.
/// </summary>
internal sealed record ClusterBenchSettings(
    TimeSpan Duration,
    TimeSpan Warmup,
    int Concurrency,
    int Calls,
    int Kills,
    TimeSpan HeartbeatPeriod,
    int MissedHeartbeats,
    TimeSpan KillTimeout,
    string? DynamoDbUrl,
    bool RebuildStaleSilo)
{
    /// <summary>The silos' simulated model with no time to first token and no token rate: a free model.</summary>
    public const string Model = "bench-zero";

    public const int OutputTokens = 8;

    /// <summary>Silos in the cluster: the issue asks for one and three.</summary>
    public const int Silos = 3;

    /// <summary>
    /// Each worker takes turns on sessions of its own, never shared, so no turn queues behind another worker's on
    /// the same session grain; three each keeps the history of every session short over a run.
    /// </summary>
    public const int SessionsPerWorker = 3;

    /// <summary>Sessions spread over the three silos before each kill; about a third live on the silo killed.</summary>
    public const int FailoverSessions = 48;

    /// <summary>Sessions and ping grains whose calls are timed direct and forwarded.</summary>
    public const int ForwardingKeys = 16;

    /// <summary>
    /// Membership and storage through DynamoDB, and the free model. <paramref name="testSizedDetection"/> adds the
    /// bench's heartbeat settings; without it the silos keep the defaults they are deployed with (2 s, 3 missed).
    /// </summary>
    public IEnumerable<string> SiloArguments(string dynamoDbUrl, string membershipTable, string stateTable, string name, bool testSizedDetection)
    {
        IEnumerable<string> arguments =
        [
            $"--Silo:Name={name}",
            "--Cluster:Membership=DynamoDB",
            "--Storage:Provider=DynamoDB",
            $"--DynamoDB:ServiceUrl={dynamoDbUrl}",
            $"--DynamoDB:MembershipTable={membershipTable}",
            $"--DynamoDB:GrainStateTable={stateTable}",
            $"--Models:{Model}:Provider=simulated",
            $"--Models:{Model}:TtftMs=0",
            $"--Models:{Model}:TtftJitterMs=0",
            $"--Models:{Model}:TokensPerSecond=0",
            $"--Models:{Model}:OutputTokens={OutputTokens.ToString(CultureInfo.InvariantCulture)}",
        ];
        return testSizedDetection
            ? arguments.Concat([
                $"--Cluster:HeartbeatPeriod={HeartbeatPeriod.ToString("c", CultureInfo.InvariantCulture)}",
                $"--Cluster:MissedHeartbeatsToDeclareDead={MissedHeartbeats.ToString(CultureInfo.InvariantCulture)}"])
            : arguments;
    }
}
