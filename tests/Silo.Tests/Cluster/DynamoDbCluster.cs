using System.Net.Http.Json;
using System.Text.Json;
using Silo.Tests.Infrastructure;
using TestSupport;

namespace Silo.Tests.Cluster;

/// <summary>
/// Silo processes forming one cluster through DynamoDB Local (membership and grain state), with test-sized
/// failure detection: a silo that misses three half-second heartbeats is declared dead.
/// </summary>
internal sealed class DynamoDbCluster : IAsyncDisposable
{
    private readonly string _membershipTable = DynamoDbLocal.UniqueTable("members");
    private readonly string _stateTable = DynamoDbLocal.UniqueTable("state");
    private readonly TempDirectory _data = new();

    public List<SiloProcess> Silos { get; } = [];

    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<SiloProcess> StartSiloAsync(CancellationToken cancellationToken)
    {
        var silo = await SiloProcess.StartAsync(_data.Combine($"unused-{Silos.Count}.db"), cancellationToken, new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "DynamoDB",
            ["Storage__Provider"] = "DynamoDB",
            ["DynamoDB__ServiceUrl"] = DynamoDbLocal.ServiceUrl,
            ["DynamoDB__MembershipTable"] = _membershipTable,
            ["DynamoDB__GrainStateTable"] = _stateTable,
            ["Cluster__HeartbeatPeriod"] = "00:00:00.500",
            ["Cluster__MissedHeartbeatsToDeclareDead"] = "3",
            ["Models__sim-small__TtftMs"] = "0",
            ["Models__sim-small__TtftJitterMs"] = "0",
            ["Models__sim-small__TokensPerSecond"] = "0",
            ["Models__sim-small__DefaultMaxTokens"] = "5",
        });
        Silos.Add(silo);
        return silo;
    }

    /// <summary>Waits until <paramref name="via"/> lists exactly <paramref name="count"/> active silos.</summary>
    public static async Task WaitForActiveAsync(SiloProcess via, int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var members = JsonDocument.Parse(await Http.GetStringAsync(new Uri(via.BaseAddress, "/api/v1/cluster/members"), cancellationToken));
            if (members.RootElement.EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Active") == count)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the cluster did not reach {count} active silos");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>One chat turn through the native API; true when the silo acknowledged it with its done event.</summary>
    public static async Task<bool> TurnAsync(SiloProcess via, string session, string text, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(via.BaseAddress, $"/v1/sessions/{session}/messages"),
            new { content = text, model = "sim-small" }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode && body.Contains("event: done", StringComparison.Ordinal);
    }

    /// <summary>The user messages a session holds, read through <paramref name="via"/>; null when it answers with an error.</summary>
    public static async Task<List<string>?> UserMessagesAsync(SiloProcess via, string session, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(via.BaseAddress, $"/v1/sessions/{session}"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. json.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString()!)];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
        _data.Dispose();
    }
}
