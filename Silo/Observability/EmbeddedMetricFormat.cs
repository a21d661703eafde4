using System.Text;
using System.Text.Json;

namespace Silo.Observability;

/// <summary>
/// One log line in CloudWatch's embedded metric format: the <c>_aws</c> member declares the metric (namespace,
/// dimension set, name and unit); the dimension values and the metric's value are members of the same object.
/// </summary>
internal static class EmbeddedMetricFormat
{
    public static string Line(string @namespace, IReadOnlyList<(string Name, string Value)> dimensions, string metric, string unit, double value, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", at.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", @namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var (name, _) in dimensions)
            {
                json.WriteStringValue(name);
            }
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", metric);
            json.WriteString("Unit", unit);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (name, dimensionValue) in dimensions)
            {
                json.WriteString(name, dimensionValue);
            }
            json.WriteNumber(metric, value);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
