using System.Text.Json;
using Silo.Tests.Infrastructure;
using TestSupport;

namespace Silo.Tests.Client;

/// <summary>
/// `client bench cluster` end to end with tiny settings against the DynamoDB Local that scripts/test.sh starts: three
/// silo processes, one SIGKILL, and the JSON object on the last line. Figures are only checked to exist, never timed.
/// </summary>
public sealed class ClusterBenchSmokeTests
{
    [Fact(Timeout = 180_000)]
    public async Task Bench_cluster_measures_every_phase_and_ends_with_one_json_object()
    {
        var ct = TestContext.Current.CancellationToken;

        var run = await ClientRun.RunAsync(TimeSpan.FromSeconds(150), ct,
            "bench", "cluster", "--dynamodb", DynamoDbLocal.ServiceUrl, "--seconds", "0.5", "--warmup", "0", "--concurrency", "2",
            "--calls", "20", "--kills", "1", "--no-build");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.OutputLines[^1]);
        var root = json.RootElement;
        Assert.Equal("cluster", root.GetProperty("scenario").GetString());
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        foreach (var setup in new[] { "one_silo", "three_silos", "three_silos_to_owner" })
        {
            Assert.True(root.GetProperty("throughput").GetProperty(setup).GetProperty("requests").GetInt32() > 0, setup);
        }
        Assert.Equal(0, root.GetProperty("throughput").GetProperty("three_silos_to_owner").GetProperty("forwarded_share").GetDouble());
        foreach (var kind in new[] { "grain_call", "session_read" })
        {
            var forwarding = root.GetProperty("forwarding").GetProperty(kind);
            Assert.Equal(20, forwarding.GetProperty("pairs").GetInt32());
            Assert.Equal(JsonValueKind.Number, forwarding.GetProperty("forwarded_p50_ms").ValueKind);
        }
        var kill = Assert.Single(root.GetProperty("failover").GetProperty("kills").EnumerateArray());
        Assert.True(kill.GetProperty("sessions").GetInt32() > 0, run.ToString());
        Assert.Equal(0, kill.GetProperty("lost").GetInt32());
        Assert.Equal(JsonValueKind.Number, kill.GetProperty("all_served_ms").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("sigkill_to_served_ms").ValueKind);
    }
}
