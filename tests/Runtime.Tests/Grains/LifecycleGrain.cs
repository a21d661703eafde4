using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Grains;

public sealed class LifecycleGrain(TestProbe probe, [PersistentState("lifecycle")] IPersistentState<LifecycleState> state) : Grain, ILifecycleGrain
{
    private bool _dirty;
    private int _ticks;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"activate:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
        probe.Record($"deactivated:{key}:{reason.ReasonCode}");
        probe.Increment($"deactivate:{key}");
        probe.Signal($"deactivated:{key}:{probe.Count($"deactivate:{key}")}");
    }

    public Task<string> ActivationId() => Task.FromResult(GrainContext.ActivationId);

    public async Task Save(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task SaveOnDeactivate(string value)
    {
        state.State.Value = value;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<string?> Value() => Task.FromResult(state.State.Value);

    public Task<string?> Etag() => Task.FromResult(state.Etag);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartTimer(TimeSpan period)
    {
        var key = GetPrimaryKeyString();
        RegisterGrainTimer(_ =>
        {
            _ticks++;
            probe.Signal($"tick:{key}:{_ticks}");
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);
}
