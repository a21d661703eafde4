using Runtime.Membership;
using Runtime.Placement;

namespace Runtime.Tests.Placement;

public sealed class RendezvousPlacementDirectorTests
{
    private static readonly SiloAddress A = new("10.0.0.1:11111", 1);
    private static readonly SiloAddress B = new("10.0.0.2:11111", 1);
    private static readonly SiloAddress C = new("10.0.0.3:11111", 1);
    private static readonly GrainId[] Grains = [.. Enumerable.Range(0, 3000).Select(i => new GrainId("Sessions.ISessionGrain", $"tenant/session-{i}"))];

    private readonly RendezvousPlacementDirector _director = new();

    [Fact]
    public void Every_caller_computes_the_same_owner_whatever_the_order_of_its_view()
    {
        foreach (var grain in Grains.Take(200))
        {
            Assert.Equal(_director.SelectOwner(grain, [A, B, C]), _director.SelectOwner(grain, [C, A, B]));
        }
    }

    [Fact]
    public void Grains_spread_evenly_over_the_silos()
    {
        var counts = Grains.GroupBy(g => _director.SelectOwner(g, [A, B, C])).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void When_a_silo_leaves_only_its_own_grains_move()
    {
        foreach (var grain in Grains)
        {
            var before = _director.SelectOwner(grain, [A, B, C]);
            var after = _director.SelectOwner(grain, [A, B]);
            if (before != C)
            {
                Assert.Equal(before, after);
            }
        }
    }

    [Fact]
    public void An_empty_view_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _director.SelectOwner(Grains[0], []));
        Assert.Contains("No active silo", error.Message);
    }
}
