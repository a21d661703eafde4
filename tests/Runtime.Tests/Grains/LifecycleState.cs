namespace Runtime.Tests.Grains;

public sealed class LifecycleState
{
    public string? Value { get; set; }
}
