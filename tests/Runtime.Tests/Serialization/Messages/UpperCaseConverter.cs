using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>A member converter that changes the value on the way out, so its effect is visible in a copy.</summary>
public sealed class UpperCaseConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToUpperInvariant());
}
