using System.Text.Json;
using Client.Bench;
using Client.Bench.Cluster;
using Client.Bench.Overhead;

namespace Client.Tests.Bench;

/// <summary>The last line of `bench cluster`: one JSON object whose headline figures are derived from the measured ones.</summary>
public sealed class ClusterReportTests
{
    private static readonly ClusterBenchSettings Settings = new(
        TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(3), 32, 2000, 3, TimeSpan.FromMilliseconds(500), 3, TimeSpan.FromSeconds(30), null, RebuildStaleSilo: true);

    private static readonly MachineInfo Machine = new("Test CPU", 2, "Linux", ".NET 10");

    [Fact]
    public void Headline_figures_are_the_ratio_of_three_silos_to_one_the_grain_call_relay_cost_and_the_median_kill()
    {
        using var json = Report(Results(
            kills:
            [
                Kill(1, served: [900, 1400, 1600], declared: 1300),
                Kill(2, served: [1000, 2000], declared: 1500),
                Kill(3, served: [800, 1200], declared: 1100),
            ]));
        var root = json.RootElement;

        Assert.Equal("cluster", root.GetProperty("scenario").GetString());
        Assert.Equal(400, root.GetProperty("rps_one_silo").GetDouble());
        Assert.Equal(300, root.GetProperty("rps_three_silos").GetDouble());
        Assert.Equal(0.75, root.GetProperty("three_over_one").GetDouble());
        Assert.Equal(0.25, root.GetProperty("forwarded_added_p50_ms").GetDouble(), 6);
        Assert.Equal(1600, root.GetProperty("sigkill_to_served_ms").GetDouble());
        Assert.Equal(1300, root.GetProperty("failover").GetProperty("median_declared_dead_ms").GetDouble());
        Assert.Equal(0, root.GetProperty("failover").GetProperty("kills_not_recovered").GetInt32());
    }

    [Fact]
    public void Every_point_call_and_kill_is_in_the_object_with_snake_case_names()
    {
        using var json = Report(Results(kills: [Kill(1, served: [900, 1400], declared: 1300)]));
        var root = json.RootElement;

        var three = root.GetProperty("throughput").GetProperty("three_silos");
        Assert.Equal(3, three.GetProperty("silos").GetInt32());
        Assert.Equal(0.667, three.GetProperty("forwarded_share").GetDouble());
        Assert.Equal(1.2, three.GetProperty("cores").GetProperty("silos").GetDouble());
        Assert.Equal(0.5, three.GetProperty("cores").GetProperty("dynamodb").GetDouble());
        Assert.Equal(1.5, root.GetProperty("throughput").GetProperty("three_to_owner_over_one").GetDouble());
        var read = root.GetProperty("forwarding").GetProperty("session_read");
        Assert.Equal(0.4, read.GetProperty("forwarded_p50_ms").GetDouble());
        Assert.Equal(2.0, read.GetProperty("ratio_p50").GetDouble());
        var kill = Assert.Single(root.GetProperty("failover").GetProperty("kills").EnumerateArray());
        Assert.Equal("silo-3", kill.GetProperty("silo").GetString());
        Assert.Equal(1400, kill.GetProperty("all_served_ms").GetDouble());
        Assert.Equal(1150, kill.GetProperty("median_served_ms").GetDouble());
        var window = root.GetProperty("failover").GetProperty("detection_window_ms");
        Assert.Equal(1000, window.GetProperty("from").GetDouble());
        Assert.Equal(2000, window.GetProperty("to").GetDouble());
        Assert.Equal(500, root.GetProperty("settings").GetProperty("heartbeat_ms").GetDouble());
        Assert.Equal(2, root.GetProperty("machine").GetProperty("cores").GetInt32());
    }

    [Fact]
    public void A_kill_that_left_a_session_unserved_has_no_all_served_time_and_is_counted_as_not_recovered()
    {
        using var json = Report(Results(kills: [Kill(1, served: [900], declared: 1300, unserved: 1), Kill(2, served: [1000, 1100], declared: 1200)]));
        var failover = json.RootElement.GetProperty("failover");

        Assert.Equal(JsonValueKind.Null, failover.GetProperty("kills")[0].GetProperty("all_served_ms").ValueKind);
        Assert.Equal(1, failover.GetProperty("kills_not_recovered").GetInt32());
        Assert.Equal(1100, failover.GetProperty("median_all_served_ms").GetDouble());
    }

    private static JsonDocument Report(ClusterBenchResults results)
    {
        var line = BenchJson.Serialize(ClusterReport.Json(results, Settings, Machine, "started", 0.5, 0.7));
        Assert.DoesNotContain('\n', line);
        return JsonDocument.Parse(line);
    }

    private static ClusterBenchResults Results(IReadOnlyList<KillResult> kills) => new(
        [
            Point(ClusterBenchResults.OneSilo, 1, requests: 4000, forwarded: 0),
            Point(ClusterBenchResults.ThreeSilos, 3, requests: 3000, forwarded: 2 / 3.0),
            Point(ClusterBenchResults.ThreeSilosToOwner, 3, requests: 6000, forwarded: 0),
        ],
        [
            new ForwardingResult(ClusterBenchResults.GrainCall, 2000, new LatencyPercentiles(0.5, 0.6, 1.0), new LatencyPercentiles(0.75, 0.9, 2.0), 0, null),
            new ForwardingResult(ClusterBenchResults.SessionRead, 2000, new LatencyPercentiles(0.2, 0.3, 0.5), new LatencyPercentiles(0.4, 0.5, 0.9), 0, null),
        ],
        kills);

    private static ThroughputResult Point(string setup, int silos, int requests, double forwarded) =>
        new(setup, silos, 32, requests, 0, null, TimeSpan.FromSeconds(10), new LatencyPercentiles(50, 80, 120), forwarded, new CpuShare(1.2, 0.5, 0.2, 0.1), WarmupRounds: 2);

    private static KillResult Kill(int kill, double[] served, double declared, int unserved = 0) =>
        new(kill, "silo-3", served.Length + unserved, declared, served, unserved, Lost: 0);
}
