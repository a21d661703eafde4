using System.Text.Json;

namespace Runtime.Serialization;

/// <summary>The original copy, serialize then deserialize with the declared type's metadata; kept as the fallback.</summary>
internal static class JsonRoundTrip
{
    public static object? Copy(object? value, JsonSerializerOptions options, Type declaredType)
    {
        if (value is null)
        {
            return null;
        }
        var info = options.GetTypeInfo(declaredType);
        return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, info), info);
    }
}
