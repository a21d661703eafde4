using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Runtime.Serialization;

/// <summary>
/// Every argument and result crosses this boundary, local calls included, so that no grain can share a
/// mutable object with its caller. Immutable values (primitives, strings, [Immutable] types) pass as they are;
/// mutable ones are copied by a <see cref="DeepCopier"/> that reproduces the JSON round trip without its cost.
/// </summary>
public sealed class GrainSerializer
{
    private readonly ConcurrentDictionary<Type, bool> _immutable = new();

    public GrainSerializer(JsonSerializerOptions? options = null)
    {
        Options = options ?? CreateDefaultOptions();
        Options.MakeReadOnly(populateMissingResolver: true);
        Copier = new DeepCopier(Options);
    }

    public JsonSerializerOptions Options { get; }

    internal DeepCopier Copier { get; }

    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter() },
    };

    public T? Copy<T>(T? value)
    {
        if (value is null)
        {
            return value;
        }
        var plan = Copier.GetPlan(typeof(T));
        return plan.PassesAsIs ? value : ((Func<T, T>)plan.Typed)(value);
    }

    public object? Copy(object? value, Type declaredType)
    {
        if (value is null)
        {
            return value;
        }
        var plan = Copier.GetPlan(declaredType);
        return plan.PassesAsIs ? value : plan.Boxed(value);
    }

    public byte[] Serialize(object? value, Type declaredType) =>
        JsonSerializer.SerializeToUtf8Bytes(value, Options.GetTypeInfo(declaredType));

    public object? Deserialize(ReadOnlySpan<byte> utf8, Type declaredType) =>
        JsonSerializer.Deserialize(utf8, Options.GetTypeInfo(declaredType));

    public bool IsImmutable(Type type) => _immutable.GetOrAdd(type, static t => ImmutableTypes.IsImmutable(t));
}
