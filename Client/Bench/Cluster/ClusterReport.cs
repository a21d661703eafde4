using Client.Bench.Overhead;

namespace Client.Bench.Cluster;

/// <summary>The JSON object on the last line: headline figures first, then every point (ms to 3 decimals, cores to 2).</summary>
internal static class ClusterReport
{
    public static object Json(ClusterBenchResults results, ClusterBenchSettings settings, MachineInfo machine, string dynamoDb, double? loadBefore, double? loadAfter)
    {
        var grainCall = results.Forwarded(ClusterBenchResults.GrainCall);
        return new
        {
            Scenario = "cluster",
            Machine = machine,
            LoadAverage = new { Before = BenchJson.Round(loadBefore, 2), After = BenchJson.Round(loadAfter, 2) },
            RpsOneSilo = BenchJson.Round(results.Point(ClusterBenchResults.OneSilo)?.RequestsPerSecond, 0),
            RpsThreeSilos = BenchJson.Round(results.Point(ClusterBenchResults.ThreeSilos)?.RequestsPerSecond, 0),
            ThreeOverOne = BenchJson.Round(results.OverOneSilo(ClusterBenchResults.ThreeSilos)),
            ForwardedAddedP50Ms = BenchJson.Round(grainCall?.AddedP50Ms),
            SigkillToServedMs = BenchJson.Round(results.MedianAllServedMs, 0),
            Settings = new
            {
                Seconds = settings.Duration.TotalSeconds,
                WarmupSeconds = settings.Warmup.TotalSeconds,
                settings.Concurrency,
                ClusterBenchSettings.SessionsPerWorker,
                settings.Calls,
                settings.Kills,
                HeartbeatMs = settings.HeartbeatPeriod.TotalMilliseconds,
                settings.MissedHeartbeats,
                KillTimeoutSeconds = settings.KillTimeout.TotalSeconds,
                // One word, not snake-cased into dynamo_db.
                Dynamodb = dynamoDb,
                ClusterBenchSettings.Model,
                ClusterBenchSettings.OutputTokens,
            },
            Throughput = new
            {
                OneSilo = Point(results.Point(ClusterBenchResults.OneSilo)),
                ThreeSilos = Point(results.Point(ClusterBenchResults.ThreeSilos)),
                ThreeSilosToOwner = Point(results.Point(ClusterBenchResults.ThreeSilosToOwner)),
                ThreeOverOne = BenchJson.Round(results.OverOneSilo(ClusterBenchResults.ThreeSilos)),
                ThreeToOwnerOverOne = BenchJson.Round(results.OverOneSilo(ClusterBenchResults.ThreeSilosToOwner)),
            },
            Forwarding = new
            {
                GrainCall = Forwarding(grainCall),
                SessionRead = Forwarding(results.Forwarded(ClusterBenchResults.SessionRead)),
            },
            Failover = new
            {
                HeartbeatMs = settings.HeartbeatPeriod.TotalMilliseconds,
                settings.MissedHeartbeats,
                // A survivor declares the silo dead at its first membership refresh after the silo's last heartbeat is
                // MissedHeartbeats periods old; that heartbeat was up to one period before the kill, and refreshes come
                // one period apart, so detection lands in this window (plus the time the table calls take).
                DetectionWindowMs = new
                {
                    From = settings.HeartbeatPeriod.TotalMilliseconds * (settings.MissedHeartbeats - 1),
                    To = settings.HeartbeatPeriod.TotalMilliseconds * (settings.MissedHeartbeats + 1),
                },
                MedianDeclaredDeadMs = BenchJson.Round(results.MedianDeclaredDeadMs, 0),
                MedianAllServedMs = BenchJson.Round(results.MedianAllServedMs, 0),
                results.KillsNotRecovered,
                Kills = results.Kills.Select(k => new
                {
                    k.Kill,
                    k.Silo,
                    k.Sessions,
                    DeclaredDeadMs = BenchJson.Round(k.DeclaredDeadMs, 0),
                    FirstServedMs = BenchJson.Round(k.FirstServedMs, 0),
                    MedianServedMs = BenchJson.Round(ClusterBenchResults.Median(k.ServedMs.Select(v => (double?)v)), 0),
                    AllServedMs = BenchJson.Round(k.AllServedMs, 0),
                    k.Unserved,
                    k.Lost,
                }),
            },
            results.Errors,
        };
    }

    private static object? Point(ThroughputResult? point) => point is null ? null : new
    {
        point.Silos,
        point.Concurrency,
        point.Requests,
        Rps = BenchJson.Round(point.RequestsPerSecond, 0),
        P50Ms = BenchJson.Round(point.Latency?.P50),
        P90Ms = BenchJson.Round(point.Latency?.P90),
        P99Ms = BenchJson.Round(point.Latency?.P99),
        ForwardedShare = BenchJson.Round(point.ForwardedShare),
        point.WarmupRounds,
        Cores = new
        {
            Silos = BenchJson.Round(point.Cpu.Silos, 2),
            Dynamodb = BenchJson.Round(point.Cpu.DynamoDb, 2),
            Bench = BenchJson.Round(point.Cpu.Bench, 2),
            Others = BenchJson.Round(point.Cpu.Others, 2),
        },
        point.Errors,
        point.FirstError,
    };

    private static object? Forwarding(ForwardingResult? result) => result is null ? null : new
    {
        result.Pairs,
        DirectP50Ms = BenchJson.Round(result.Direct?.P50),
        DirectP99Ms = BenchJson.Round(result.Direct?.P99),
        ForwardedP50Ms = BenchJson.Round(result.Forwarded?.P50),
        ForwardedP99Ms = BenchJson.Round(result.Forwarded?.P99),
        AddedP50Ms = BenchJson.Round(result.AddedP50Ms),
        AddedP99Ms = BenchJson.Round(result.AddedP99Ms),
        RatioP50 = BenchJson.Round(result.RatioP50, 2),
        result.Errors,
        result.FirstError,
    };
}
