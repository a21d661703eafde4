using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Runtime.Membership;
using Runtime.Tests.Infrastructure;
using TestSupport;

namespace Runtime.Tests.Membership;

public sealed class FailureDetectionTests
{
    private static readonly Dictionary<string, string?> OneSecondHeartbeat = new()
    {
        ["Cluster:HeartbeatPeriod"] = "00:00:01",
        ["Cluster:MissedHeartbeatsToDeclareDead"] = "3",
    };

    [Fact]
    public async Task A_silo_that_stops_heartbeating_is_declared_dead_by_the_others()
    {
        var time = new ManualTimeProvider();
        var table = new InMemoryMembershipTable();
        var crashed = new MembershipEntry(new SiloAddress("10.9.9.9:1", 1), "crashed", SiloStatus.Active, null, time.GetUtcNow(), time.GetUtcNow());
        await table.TryInsertAsync(crashed);
        await using var silo = await TestSilo.StartAsync(time: time, membership: table, configuration: OneSecondHeartbeat);

        for (var second = 0; second < 3; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(SiloStatus.Active, (await table.ReadAllAsync()).Single(r => r.Entry.Silo == crashed.Silo).Entry.Status);

        await AdvanceUntilAsync(time, async () => (await table.ReadAllAsync()).Single(r => r.Entry.Silo == crashed.Silo).Entry.Status == SiloStatus.Dead);
        Assert.DoesNotContain(crashed.Silo, silo.Services.GetRequiredService<ClusterView>().ActiveSilos);
    }

    [Fact]
    public async Task A_silo_declared_dead_by_the_cluster_stops_serving()
    {
        var time = new ManualTimeProvider();
        var table = new InMemoryMembershipTable();
        await using var silo = await TestSilo.StartAsync(time: time, membership: table, configuration: OneSecondHeartbeat);
        var stopping = new TaskCompletionSource();
        silo.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());

        var self = (await table.ReadAllAsync()).Single();
        Assert.True(await table.TryUpdateAsync(self.Entry with { Status = SiloStatus.Dead }, self.ETag));
        time.Advance(TimeSpan.FromSeconds(1));

        await stopping.Task.WaitAsync(TestProbe.Patience);
    }

    /// <summary>Heartbeats run asynchronously after each tick; advance one period at a time until the condition holds.</summary>
    private static async Task AdvanceUntilAsync(ManualTimeProvider time, Func<Task<bool>> condition)
    {
        for (var tick = 0; tick < 20; tick++)
        {
            if (await condition())
            {
                return;
            }
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
        Assert.True(await condition(), "the condition did not hold within 20 heartbeats");
    }
}
