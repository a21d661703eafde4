namespace Runtime.Tests.Serialization.Messages;

/// <summary>A plain mutable class with a parameterless constructor.</summary>
public sealed class Address
{
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public List<string> Lines { get; set; } = [];
}
