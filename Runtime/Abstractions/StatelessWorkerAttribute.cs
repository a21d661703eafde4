namespace Runtime;

/// <summary>
/// The grain keeps no identity-bound state: up to <see cref="MaxLocalWorkers"/> activations per key are
/// created on the calling silo, and calls are never sent to another silo.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>Zero means one worker per processor.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}
