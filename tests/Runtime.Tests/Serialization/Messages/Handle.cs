namespace Runtime.Tests.Serialization.Messages;

/// <summary>A member JSON refuses to serialize: copying it must fail as it always did, locally as remotely.</summary>
public sealed class Handle
{
    public nint Pointer { get; set; }
    public List<string> Names { get; set; } = [];
}
