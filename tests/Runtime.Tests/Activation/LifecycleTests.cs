using Runtime.Storage;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;
using TestSupport;

namespace Runtime.Tests.Activation;

public sealed class LifecycleTests
{
    private static readonly Dictionary<string, string?> TenMinuteCollection = new()
    {
        ["Grains:Collection:CollectionAge"] = "00:10:00",
        ["Grains:Collection:CollectionQuantum"] = "00:01:00",
    };

    [Fact]
    public async Task Idle_activations_are_collected_after_the_configured_age_and_come_back_with_their_state()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time, configuration: TenMinuteCollection);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("idle");
        await grain.Save("kept");
        var firstActivation = await grain.ActivationId();

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, silo.Probe.Count("deactivate:idle"));

        time.Advance(TimeSpan.FromMinutes(2));
        await silo.Probe.WaitAsync("deactivated:idle:1");
        Assert.Contains("deactivated:idle:ActivationIdle", silo.Probe.Events);

        Assert.Equal("kept", await grain.Value());
        Assert.NotEqual(firstActivation, await grain.ActivationId());
        Assert.Equal(2, silo.Probe.Count("activate:idle"));
    }

    [Fact]
    public async Task A_call_resets_the_idle_clock()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time, configuration: TenMinuteCollection);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("busy");
        await grain.ActivationId();

        time.Advance(TimeSpan.FromMinutes(8));
        await grain.ActivationId();
        time.Advance(TimeSpan.FromMinutes(8));

        Assert.Equal(0, silo.Probe.Count("deactivate:busy"));
        Assert.Equal(1, silo.Probe.Count("activate:busy"));
    }

    [Fact]
    public async Task DeactivateOnIdle_ends_the_activation_after_the_current_call()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("leaving");
        var before = await grain.ActivationId();

        await grain.Deactivate();
        await silo.Probe.WaitAsync("deactivated:leaving:1");

        Assert.Contains("deactivated:leaving:ApplicationRequested", silo.Probe.Events);
        Assert.NotEqual(before, await grain.ActivationId());
    }

    [Fact]
    public async Task State_kept_in_memory_is_flushed_when_the_silo_stops()
    {
        var storage = new MemoryGrainStorage();
        await using (var silo = await TestSilo.StartAsync(storage: storage))
        {
            await silo.GrainFactory.GetGrain<ILifecycleGrain>("flush").SaveOnDeactivate("written at shutdown");
            await silo.StopAsync();
        }

        await using var restarted = await TestSilo.StartAsync(storage: storage);
        Assert.Equal("written at shutdown", await restarted.GrainFactory.GetGrain<ILifecycleGrain>("flush").Value());
    }

    [Fact]
    public async Task A_stopping_silo_refuses_new_calls_with_a_clear_error()
    {
        var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("late");
        await silo.DisposeAsync();

        var error = await Assert.ThrowsAsync<Hosting.SiloUnavailableException>(() => grain.ActivationId());
        Assert.Contains("shutting down", error.Message);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_loudly_and_changes_nothing()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await TestSilo.StartAsync(storage: storage);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("contested");
        await grain.Save("mine");
        var etag = await grain.Etag();

        // Someone else writes behind the activation's back (a duplicate activation elsewhere, say).
        var grainId = new GrainId(typeof(ILifecycleGrain).FullName!, "contested");
        await storage.WriteAsync("lifecycle", grainId, """{"value":"theirs"}"""u8.ToArray(), etag);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Save("mine again"));
        Assert.Contains("lifecycle", error.Message);
        var stored = await storage.ReadAsync("lifecycle", grainId);
        Assert.Equal("""{"value":"theirs"}""", System.Text.Encoding.UTF8.GetString(stored!.Data));
    }

    [Fact]
    public async Task Grain_timers_tick_on_the_injected_clock_and_stop_with_the_activation()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("ticking");
        await grain.StartTimer(TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));
        await silo.Probe.WaitAsync("tick:ticking:1");
        time.Advance(TimeSpan.FromSeconds(1));
        await silo.Probe.WaitAsync("tick:ticking:2");
        Assert.Equal(2, await grain.Ticks());

        await grain.Deactivate();
        await silo.Probe.WaitAsync("deactivated:ticking:1");
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(silo.Probe.IsSignaled("tick:ticking:3"));
    }
}
