using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Runtime.Serialization;

/// <summary>The conditions under which a compiled copy provably builds what the JSON round trip would build.</summary>
internal static class CopySupport
{
    private static readonly System.Reflection.Assembly SystemTextJson = typeof(JsonSerializer).Assembly;

    /// <summary>
    /// Options that change what JSON writes or reads without showing in the per-member metadata (reference
    /// preservation, option-wide ignore rules, populate, nullability checks) make every copy a JSON copy. So does
    /// a resolver other than the reflection default or a source-generated context: a modifier may replace getters,
    /// setters or constructors, and the compiled copy reads the members themselves.
    /// </summary>
    public static bool AllowsCompiledCopies(JsonSerializerOptions options) =>
        options.ReferenceHandler is null
        && options.DefaultIgnoreCondition == JsonIgnoreCondition.Never
        && !options.IgnoreReadOnlyProperties
        && !options.IgnoreReadOnlyFields
        && options.PreferredObjectCreationHandling == JsonObjectCreationHandling.Replace
        && !options.RespectNullableAnnotations
        && !options.RespectRequiredConstructorParameters
        && options.TypeInfoResolver switch
        {
            JsonSerializerContext => true,
            DefaultJsonTypeInfoResolver resolver => resolver.GetType() == typeof(DefaultJsonTypeInfoResolver) && resolver.Modifiers.Count == 0,
            _ => false,
        };

    /// <summary>A converter of System.Text.Json's own: it round-trips values of its type unchanged.</summary>
    public static bool IsBuiltIn(JsonConverter converter) => converter.GetType().Assembly == SystemTextJson;

    /// <summary>Dictionary keys JSON writes as property names and reads back to the same value.</summary>
    public static bool IsPlainDictionaryKey(Type type) =>
        type == typeof(string) || type == typeof(Guid) || type.IsEnum
        || type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);
}
