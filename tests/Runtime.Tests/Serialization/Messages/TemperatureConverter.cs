using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>Writes only the degrees, so a JSON copy drops <see cref="Temperature.Note"/>: the copy must too.</summary>
public sealed class TemperatureConverter : JsonConverter<Temperature>
{
    public override Temperature Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new() { Celsius = double.Parse(reader.GetString()!.TrimEnd('C'), CultureInfo.InvariantCulture) };

    public override void Write(Utf8JsonWriter writer, Temperature value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Celsius.ToString(CultureInfo.InvariantCulture) + "C");
}
