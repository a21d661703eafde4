namespace Runtime.Activation;

/// <summary>A turn for an activation: a request, a stream, or a timer tick.</summary>
internal abstract class WorkItem
{
    protected WorkItem(GrainId target) => Target = target;

    /// <summary>The caller's trace span: a queued turn starts later, outside the caller's context, and must rejoin it.</summary>
    public System.Diagnostics.Activity? CallerActivity { get; } = System.Diagnostics.Activity.Current;

    public GrainId Target { get; }

    /// <summary>The activation that admitted this item; set just before it starts.</summary>
    public ActivationData? Activation { get; set; }

    /// <summary>May run while a non-interleaving turn is in progress.</summary>
    public abstract bool AlwaysInterleave { get; }

    /// <summary>Counts as activity for idle collection.</summary>
    public virtual bool KeepsAlive => true;

    /// <summary>Runs inside the activation's context; must call <see cref="ActivationData.OnTurnCompleted"/> when done.</summary>
    public abstract void Start(ActivationData activation);

    /// <summary>The work will never run (activation failed, silo shutting down).</summary>
    public abstract void Reject(Exception reason);
}
