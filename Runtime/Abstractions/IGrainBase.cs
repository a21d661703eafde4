namespace Runtime;

/// <summary>Lifecycle hooks for grain classes; <see cref="Grain"/> implements them.</summary>
public interface IGrainBase
{
    Task OnActivateAsync(CancellationToken cancellationToken);

    Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken);
}
