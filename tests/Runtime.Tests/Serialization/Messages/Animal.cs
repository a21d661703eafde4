namespace Runtime.Tests.Serialization.Messages;

/// <summary>Not polymorphic for JSON: a <see cref="Dog"/> declared as Animal is copied as an Animal.</summary>
public class Animal
{
    public string Name { get; set; } = "";
    public List<string> Tags { get; set; } = [];
}
