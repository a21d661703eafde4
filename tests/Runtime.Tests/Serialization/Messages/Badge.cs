using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>A member with its own converter makes the whole type a JSON copy.</summary>
public sealed class Badge
{
    [JsonConverter(typeof(UpperCaseConverter))]
    public string Name { get; set; } = "";
    public List<int> Levels { get; set; } = [];
}
