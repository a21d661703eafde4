using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>Number handling changes which numbers JSON accepts (NaN here): only JSON reproduces that.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class Gauge
{
    public List<double> Samples { get; set; } = [];
}
