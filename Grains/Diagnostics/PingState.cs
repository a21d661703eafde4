namespace Grains.Diagnostics;

/// <summary>The persisted part of a ping grain. Mutable because IPersistentState hands out one instance to update.</summary>
public sealed class PingState
{
    public long Count { get; set; }
}
