using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>A mutable type with its own converter, which decides what survives the copy.</summary>
[JsonConverter(typeof(TemperatureConverter))]
public sealed class Temperature
{
    public double Celsius { get; set; }
    public string Note { get; set; } = "";
}
