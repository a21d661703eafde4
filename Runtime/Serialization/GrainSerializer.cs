using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Runtime.Serialization;

/// <summary>
/// Every argument and result crosses this boundary, local calls included, so that no grain can share a
/// mutable object with its caller. Immutable values (primitives, strings, [Immutable] types) pass as they are.
/// </summary>
public sealed class GrainSerializer
{
    private readonly ConcurrentDictionary<Type, bool> _immutable = new();

    public GrainSerializer(JsonSerializerOptions? options = null)
    {
        Options = options ?? CreateDefaultOptions();
        Options.MakeReadOnly(populateMissingResolver: true);
    }

    public JsonSerializerOptions Options { get; }

    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter() },
    };

    public T? Copy<T>(T? value)
    {
        if (value is null || IsImmutable(typeof(T)))
        {
            return value;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Options.GetTypeInfo(typeof(T)));
        return (T?)JsonSerializer.Deserialize(bytes, Options.GetTypeInfo(typeof(T)));
    }

    public object? Copy(object? value, Type declaredType)
    {
        if (value is null || IsImmutable(declaredType))
        {
            return value;
        }
        var info = Options.GetTypeInfo(declaredType);
        return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, info), info);
    }

    public byte[] Serialize(object? value, Type declaredType) =>
        JsonSerializer.SerializeToUtf8Bytes(value, Options.GetTypeInfo(declaredType));

    public object? Deserialize(ReadOnlySpan<byte> utf8, Type declaredType) =>
        JsonSerializer.Deserialize(utf8, Options.GetTypeInfo(declaredType));

    public bool IsImmutable(Type type) => _immutable.GetOrAdd(type, static t => ImmutableTypes.IsImmutable(t));
}
