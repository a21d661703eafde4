using Runtime.Membership;
using Runtime.Placement;
using Runtime.Storage;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;
using TestSupport;

namespace Runtime.Tests.Placement;

/// <summary>When a silo joins, the grains it now owns leave their old silo with their state flushed, and come back on it.</summary>
public sealed class GrainMoveTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_grain_whose_owner_changes_is_deactivated_where_it_was_and_its_next_call_finds_its_state_on_the_new_owner()
    {
        var time = new ManualTimeProvider();
        var membership = new InMemoryMembershipTable();
        var storage = new MemoryGrainStorage();
        var probe = new TestProbe();
        await using var first = await TestSilo.StartAsync(time, probe, storage, membership);
        await using var second = await TestSilo.StartAsync(time, probe, storage, membership);
        time.Advance(Heartbeat);
        var keys = Enumerable.Range(0, 30).Select(i => $"moving-{i}").ToList();
        foreach (var key in keys)
        {
            // Kept in memory only: it reaches storage when the activation ends.
            await first.GrainFactory.GetGrain<ILifecycleGrain>(key).SaveOnDeactivate($"value of {key}");
        }

        await using var third = await TestSilo.StartAsync(time, probe, storage, membership);
        time.Advance(Heartbeat);

        var director = new RendezvousPlacementDirector();
        var grainType = typeof(ILifecycleGrain).FullName!;
        var moved = keys.Where(k => director.SelectOwner(new GrainId(grainType, k), [first.Address, second.Address, third.Address]) == third.Address).ToList();
        Assert.NotEmpty(moved);
        foreach (var key in moved)
        {
            await probe.WaitAsync($"deactivated:{key}:1");
            Assert.Equal($"value of {key}", await second.GrainFactory.GetGrain<ILifecycleGrain>(key).Value());
            Assert.Equal(2, probe.Count($"activate:{key}"));
        }
        foreach (var key in keys.Except(moved))
        {
            Assert.Equal($"value of {key}", await second.GrainFactory.GetGrain<ILifecycleGrain>(key).Value());
            Assert.Equal(1, probe.Count($"activate:{key}"));
        }
    }
}
