using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Activation;

public sealed class SchedulingTests
{
    [Fact]
    public async Task A_non_reentrant_activation_runs_one_request_at_a_time()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>("serial");

        var first = grain.Hold("a");
        await silo.Probe.WaitAsync("started:a");
        var second = grain.Hold("b");

        // The activation is idle apart from "a" waiting at an await, so an admitted "b" would have started inline.
        Assert.False(silo.Probe.IsSignaled("started:b"));
        Assert.Equal(1, await grain.Peek());

        silo.Probe.Signal("release:a");
        await silo.Probe.WaitAsync("started:b");
        silo.Probe.Signal("release:b");
        await Task.WhenAll(first, second).WaitAsync(TestProbe.Patience);

        Assert.Equal(["start:a", "end:a", "start:b", "end:b"], silo.Probe.Events);
        Assert.Equal(1, await grain.MaxConcurrency());
    }

    [Fact]
    public async Task An_always_interleave_method_runs_while_a_request_is_in_progress()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>("peek");

        var held = grain.Hold("a");
        await silo.Probe.WaitAsync("started:a");

        Assert.Equal(1, await grain.Peek().WaitAsync(TestProbe.Patience));
        Assert.False(held.IsCompleted);

        silo.Probe.Signal("release:a");
        await held.WaitAsync(TestProbe.Patience);
    }

    [Fact]
    public async Task A_reentrant_activation_interleaves_requests_at_awaits()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IReentrantSchedulingGrain>("interleaved");

        var first = grain.Hold("a");
        await silo.Probe.WaitAsync("started:a");
        var second = grain.Hold("b");
        await silo.Probe.WaitAsync("started:b");

        silo.Probe.Signal("release:b");
        await second.WaitAsync(TestProbe.Patience);
        Assert.False(first.IsCompleted);

        silo.Probe.Signal("release:a");
        await first.WaitAsync(TestProbe.Patience);
    }

    [Fact]
    public async Task A_reentrant_activation_never_runs_two_pieces_of_code_at_once()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IReentrantSchedulingGrain>("churn");
        const int calls = 64;
        const int increments = 20_000;

        await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => Task.Run(() => grain.Churn(increments)))).WaitAsync(TestProbe.Patience);

        Assert.Equal(0, await grain.Overlaps());
        Assert.Equal(calls * increments * 3L, await grain.Total());
    }
}
