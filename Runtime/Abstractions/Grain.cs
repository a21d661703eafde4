using Runtime.Activation;

namespace Runtime;

/// <summary>Base class for grains, as in Orleans: identity, factory, lifecycle and timers.</summary>
public abstract class Grain : IGrainBase
{
    protected Grain()
    {
        GrainContext = GrainActivator.Constructing
            ?? throw new InvalidOperationException(
                $"{GetType().Name} is a grain: the runtime creates it. Get a reference with IGrainFactory.GetGrain<T>(key) instead of calling its constructor.");
    }

    public IGrainContext GrainContext { get; }

    public GrainId GrainId => GrainContext.GrainId;

    public string IdentityString => GrainContext.GrainId.ToString();

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivate when the current request finishes; the next call creates a fresh activation.</summary>
    protected void DeactivateOnIdle() =>
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options) =>
        GrainContext.RegisterTimer(token => callback(state, token), options);
}
