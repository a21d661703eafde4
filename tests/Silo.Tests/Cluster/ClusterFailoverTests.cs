using System.Diagnostics;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Cluster;

/// <summary>Three silo processes over DynamoDB Local under chat load: kills, graceful stops and joins lose nothing acknowledged.</summary>
public sealed class ClusterFailoverTests
{
    private const int Sessions = 12;

    [Fact(Timeout = 180_000)]
    public async Task After_a_silo_is_killed_every_acknowledged_turn_is_kept_and_its_sessions_are_served_again_within_10_s()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = new DynamoDbCluster();
        var silos = new[] { await cluster.StartSiloAsync(ct), await cluster.StartSiloAsync(ct), await cluster.StartSiloAsync(ct) };
        await DynamoDbCluster.WaitForActiveAsync(silos[0], 3, ct);
        var acknowledged = await ChatRoundAsync(silos, "before", ct);
        Assert.Equal(Sessions, acknowledged.Count);

        var killed = Stopwatch.StartNew();
        Process.GetProcessById(silos[2].Id).Kill();
        var survivor = silos[0];
        var servedAgain = new List<TimeSpan>();
        for (var i = 0; i < Sessions; i++)
        {
            var session = $"s{i}";
            while (await DynamoDbCluster.UserMessagesAsync(survivor, session, ct) is not { } messages || !messages.Contains("before"))
            {
                Assert.True(killed.Elapsed < TimeSpan.FromSeconds(10), $"session {session} was not served again within 10 s of the kill");
                await Task.Delay(100, ct);
            }
            servedAgain.Add(killed.Elapsed);
        }

        Assert.All(servedAgain, elapsed => Assert.True(elapsed < TimeSpan.FromSeconds(10)));
        var after = await ChatRoundAsync([silos[0], silos[1]], "after", ct);
        Assert.Equal(Sessions, after.Count);
        for (var i = 0; i < Sessions; i++)
        {
            Assert.Equal(["before", "after"], await DynamoDbCluster.UserMessagesAsync(silos[1], $"s{i}", ct));
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_silo_stopped_with_SIGTERM_hands_its_grains_over_with_no_client_visible_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = new DynamoDbCluster();
        var silos = new[] { await cluster.StartSiloAsync(ct), await cluster.StartSiloAsync(ct), await cluster.StartSiloAsync(ct) };
        await DynamoDbCluster.WaitForActiveAsync(silos[0], 3, ct);
        Assert.Equal(Sessions, (await ChatRoundAsync(silos[..2], "one", ct)).Count);

        await silos[2].TerminateAsync(ct);
        var during = await ChatRoundAsync(silos[..2], "two", ct);
        Assert.Equal(0, await silos[2].WaitForExitAsync(TimeSpan.FromSeconds(10), ct));
        var afterwards = await ChatRoundAsync(silos[..2], "three", ct);

        Assert.Equal(Sessions, during.Count);
        Assert.Equal(Sessions, afterwards.Count);
        for (var i = 0; i < Sessions; i++)
        {
            Assert.Equal(["one", "two", "three"], await DynamoDbCluster.UserMessagesAsync(silos[0], $"s{i}", ct));
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_fourth_silo_joining_takes_over_about_a_quarter_of_the_sessions_and_none_are_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        const int sessions = 40;
        await using var cluster = new DynamoDbCluster();
        var silos = new List<SiloProcess> { await cluster.StartSiloAsync(ct), await cluster.StartSiloAsync(ct), await cluster.StartSiloAsync(ct) };
        await DynamoDbCluster.WaitForActiveAsync(silos[0], 3, ct);
        for (var i = 0; i < sessions; i++)
        {
            Assert.True(await DynamoDbCluster.TurnAsync(silos[i % 3], $"j{i}", "first", ct));
        }

        var fourth = await cluster.StartSiloAsync(ct);
        await DynamoDbCluster.WaitForActiveAsync(silos[0], 4, ct);
        for (var i = 0; i < sessions; i++)
        {
            Assert.Equal(["first"], await DynamoDbCluster.UserMessagesAsync(silos[i % 3], $"j{i}", ct));
        }

        using var local = System.Text.Json.JsonDocument.Parse(await DynamoDbCluster.Http.GetStringAsync(new Uri(fourth.BaseAddress, "/api/v1/silos/local"), ct));
        var onFourth = local.RootElement.GetProperty("activationsByType").TryGetProperty("ISessionGrain", out var count) ? count.GetInt32() : 0;
        Assert.InRange(onFourth, sessions / 4 - 6, sessions / 4 + 8);
    }

    /// <summary>One turn for every session, spread over <paramref name="via"/>; returns the sessions whose turn was acknowledged.</summary>
    private static async Task<List<string>> ChatRoundAsync(IReadOnlyList<SiloProcess> via, string text, CancellationToken ct)
    {
        var acknowledged = new List<string>();
        for (var i = 0; i < Sessions; i++)
        {
            if (await DynamoDbCluster.TurnAsync(via[i % via.Count], $"s{i}", text, ct))
            {
                acknowledged.Add($"s{i}");
            }
        }
        return acknowledged;
    }
}
