using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Activation;

public sealed class ActivationTests
{
    [Fact]
    public async Task Concurrent_first_calls_share_one_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("single");

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => grain.ActivationId())));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, silo.Probe.Count("activate:single"));
    }

    [Fact]
    public async Task Different_keys_get_different_activations()
    {
        await using var silo = await TestSilo.StartAsync();

        var a = await silo.GrainFactory.GetGrain<ILifecycleGrain>("a").ActivationId();
        var b = await silo.GrainFactory.GetGrain<ILifecycleGrain>("b").ActivationId();

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Stateless_workers_scale_up_to_their_maximum_and_then_queue()
    {
        await using var silo = await TestSilo.StartAsync();
        var worker = silo.GrainFactory.GetGrain<IWorkerGrain>("pool");

        var first = worker.Work("1");
        var second = worker.Work("2");
        await silo.Probe.WaitAsync("started:1");
        await silo.Probe.WaitAsync("started:2");
        var third = worker.Work("3");
        Assert.False(silo.Probe.IsSignaled("started:3"));

        silo.Probe.Signal("release:1");
        await silo.Probe.WaitAsync("started:3");
        silo.Probe.Signal("release:2");
        silo.Probe.Signal("release:3");
        var replies = await Task.WhenAll(first, second, third).WaitAsync(TestProbe.Patience);

        Assert.Equal(2, replies.Select(r => r.ActivationId).Distinct().Count());
        Assert.NotEqual(replies[0].ActivationId, replies[1].ActivationId);
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_and_the_next_call_activates_again()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IBrokenActivationGrain>("flaky");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Attempts());
        Assert.Equal("first activation fails on purpose", failure.Message);

        Assert.Equal(2, await grain.Attempts());
    }

    [Fact]
    public void A_grain_class_cannot_be_constructed_by_hand()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CopyGrain(new Runtime.Membership.ClusterView()));
        Assert.Contains("GetGrain", error.Message);
    }
}
