using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>JSON calls back into the type after reading it; only the JSON copy does that.</summary>
public sealed class Audited : IJsonOnDeserialized
{
    public List<string> Items { get; set; } = [];

    [JsonIgnore]
    public bool Deserialized { get; private set; }

    public void OnDeserialized() => Deserialized = true;
}
