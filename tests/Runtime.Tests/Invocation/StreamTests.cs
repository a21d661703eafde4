using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Invocation;

public sealed class StreamTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Items_reach_the_caller_as_they_are_produced(string transport)
    {
        await using var silo = await TestSilo.StartAsync();
        var (factory, client) = await Transports.FactoryAsync(silo, transport);
        await using var _ = client;
        var grain = factory.GetGrain<IStreamGrain>(transport);

        await using var items = grain.Gated(3).GetAsyncEnumerator();
        silo.Probe.Signal($"item:{transport}:0");
        Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(TestProbe.Patience));
        Assert.Equal(0, items.Current);

        // Item 1 is not produced yet: the first one arrived on its own.
        silo.Probe.Signal($"item:{transport}:1");
        Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(TestProbe.Patience));
        Assert.Equal(1, items.Current);
        silo.Probe.Signal($"item:{transport}:2");
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(2, items.Current);
        Assert.False(await items.MoveNextAsync());
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Leaving_the_loop_early_cancels_the_grains_enumeration(string transport)
    {
        await using var silo = await TestSilo.StartAsync();
        var (factory, client) = await Transports.FactoryAsync(silo, transport);
        await using var _ = client;
        var grain = factory.GetGrain<IStreamGrain>($"break-{transport}");

        var seen = 0;
        await foreach (var item in grain.Endless())
        {
            if (++seen == 3)
            {
                break;
            }
        }

        await silo.Probe.WaitAsync($"cancelled:break-{transport}");
        Assert.Equal(3, seen);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Cancelling_the_callers_token_cancels_the_grains_enumeration(string transport)
    {
        await using var silo = await TestSilo.StartAsync();
        var (factory, client) = await Transports.FactoryAsync(silo, transport);
        await using var _ = client;
        var grain = factory.GetGrain<IStreamGrain>($"token-{transport}");
        using var cancellation = new CancellationTokenSource();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in grain.Endless().WithCancellation(cancellation.Token))
            {
                if (item == 2)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        await silo.Probe.WaitAsync($"cancelled:token-{transport}");
        Assert.NotNull(error);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task An_exception_inside_a_stream_reaches_the_caller_after_the_items_before_it(string transport)
    {
        await using var silo = await TestSilo.StartAsync();
        var (factory, client) = await Transports.FactoryAsync(silo, transport);
        await using var _ = client;
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in factory.GetGrain<IStreamGrain>("fails").FailAfterOne())
            {
                received.Add(item);
            }
        });

        Assert.Equal(["first"], received);
        Assert.Equal("the stream broke after one item", error.Message);
    }

    [Fact]
    public async Task A_stream_call_abandoned_while_queued_does_not_wedge_its_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IStreamGrain>("queued");
        await using var first = grain.Gated(1).GetAsyncEnumerator();
        var firstItem = first.MoveNextAsync().AsTask();

        using (var cancellation = new CancellationTokenSource())
        {
            await using var second = grain.Gated(1).GetAsyncEnumerator(cancellation.Token);
            var secondItem = second.MoveNextAsync().AsTask();
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => secondItem.WaitAsync(TestProbe.Patience));
        }

        silo.Probe.Signal("item:queued:0");
        Assert.True(await firstItem.WaitAsync(TestProbe.Patience));
        Assert.False(await first.MoveNextAsync());
        await using var third = grain.Gated(1).GetAsyncEnumerator();
        Assert.True(await third.MoveNextAsync().AsTask().WaitAsync(TestProbe.Patience));
    }
}
