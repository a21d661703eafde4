namespace Runtime;

/// <summary>What an activation offers the grain object it hosts.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    /// <summary>Unique per activation: a reactivated grain gets a new one.</summary>
    string ActivationId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider ActivationServices { get; }

    /// <summary>Deactivates once the current turns are finished; later calls reach a new activation.</summary>
    void Deactivate(DeactivationReason reason);

    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);
}
