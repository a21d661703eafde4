namespace Runtime.Tests.Serialization.Messages;

/// <summary>For the source-generated contract: constructor parameters and init-only members.</summary>
public sealed record Invoice(string Id, List<string> Items)
{
    public Dictionary<string, int> Counts { get; init; } = [];
    public Address? To { get; init; }
}
