using System.Text.Json;
using Runtime.Invocation;
using Runtime.Serialization;

namespace Runtime.Transport;

/// <summary>Arguments on the wire: a JSON array in parameter order, without the CancellationToken.</summary>
internal static class ArgumentCodec
{
    public static byte[] Write(GrainSerializer serializer, GrainMethod method, object?[] arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < arguments.Length; i++)
            {
                if (i != method.CancellationTokenIndex)
                {
                    JsonSerializer.Serialize(writer, arguments[i], serializer.Options.GetTypeInfo(method.ParameterTypes[i]));
                }
            }
            writer.WriteEndArray();
        }
        return buffer.ToArray();
    }

    public static object?[] Read(GrainSerializer serializer, GrainMethod method, ReadOnlySpan<byte> body, CancellationToken cancellation)
    {
        var arguments = new object?[method.ParameterTypes.Length];
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Grain call arguments must be a JSON array.");
        }
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i == method.CancellationTokenIndex)
            {
                arguments[i] = cancellation;
                continue;
            }
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                throw new JsonException($"{method.Name} expects {arguments.Length} arguments; the call carried fewer.");
            }
            arguments[i] = JsonSerializer.Deserialize(ref reader, serializer.Options.GetTypeInfo(method.ParameterTypes[i]));
        }
        return arguments;
    }
}
