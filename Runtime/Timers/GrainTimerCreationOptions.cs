namespace Runtime;

/// <summary>How a grain timer ticks. Ticks run as turns of the activation, one at a time.</summary>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Let ticks run while a non-reentrant request is in progress.</summary>
    public bool Interleave { get; init; }

    /// <summary>Ticks count as activity, so the activation is not collected while the timer runs.</summary>
    public bool KeepAlive { get; init; }
}
