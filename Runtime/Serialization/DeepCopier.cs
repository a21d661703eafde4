using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Runtime.Serialization;

/// <summary>
/// Copies grain arguments and results without encoding text: for each declared type, once, it compiles a copy of
/// exactly what the JSON round trip with the same options would build (the members JSON writes, the constructor it
/// deserializes with, the collection types it creates), from the same <see cref="JsonTypeInfo"/> metadata.
/// What it cannot reproduce with certainty keeps the JSON round trip: custom converters, polymorphic types,
/// serialization callbacks, extension data, object and JsonElement/JsonNode members, recursive types (whose values
/// may be cycles), unusual collections and options. Where only a member needs JSON, only that member takes it.
/// <para>
/// Declared-type semantics, as with JSON: a value is copied as the type it is declared as, so a derived instance
/// behind a base-typed parameter or member comes back as the base type (unless [JsonDerivedType] makes the type
/// polymorphic, which JSON then copies). Local and remote calls thus see the same values.
/// </para>
/// <para>
/// Known differences from the JSON copy, all where JSON would throw: non-finite doubles (NaN, Infinity) are copied
/// rather than rejected, and a non-recursive graph nested deeper than MaxDepth is copied rather than refused.
/// </para>
/// </summary>
internal sealed class DeepCopier
{
    private readonly ConcurrentDictionary<Type, CopyPlan> _plans = new();
    private readonly JsonSerializerOptions _options;
    private readonly bool _compiles;
    private readonly RecursiveTypes _recursive;

    public DeepCopier(JsonSerializerOptions options)
    {
        _options = options;
        _compiles = CopySupport.AllowsCompiledCopies(options);
        _recursive = new RecursiveTypes(options);
    }

    public CopyPlan GetPlan(Type type) => _plans.TryGetValue(type, out var plan) ? plan : _plans.GetOrAdd(type, Build(type));

    /// <summary>The copy of <paramref name="value"/> inside a compiled copy: the value itself when it is immutable.</summary>
    public Expression CopyOf(Expression value, Type type)
    {
        var plan = GetPlan(type);
        return plan.Strategy == CopyStrategy.Identity ? value : Expression.Invoke(Expression.Constant(plan.Typed), value);
    }

    private CopyPlan Build(Type type)
    {
        var immutable = ImmutableTypes.IsImmutable(type);
        JsonTypeInfo info;
        try
        {
            info = _options.GetTypeInfo(type);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return CopyPlan.Json(type, immutable, _options);
        }
        if (immutable)
        {
            // Shared as they are, inside objects too, unless a custom converter would have changed them in the JSON copy.
            return SharedAsIs(type, info) ? CopyPlan.Identity(type) : CopyPlan.Json(type, passesAsIs: true, _options);
        }
        if (!_compiles || _recursive.Contains(type))
        {
            return CopyPlan.Json(type, passesAsIs: false, _options);
        }
        try
        {
            // Nullable first: its metadata reports the kind of the underlying type (Object for a struct).
            var copy = !CopySupport.IsBuiltIn(info.Converter) ? null
                : Nullable.GetUnderlyingType(type) is not null ? NullableCopyBuilder.TryBuild(this, type)
                : info.Kind switch
                {
                    JsonTypeInfoKind.Object => ObjectCopyBuilder.TryBuild(this, info),
                    JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => CollectionCopyBuilder.TryBuild(this, info),
                    _ => CollectionCopyBuilder.ArrayOfValues(this, type),
                };
            return copy is null ? CopyPlan.Json(type, passesAsIs: false, _options) : CopyPlan.Compiled(copy);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // Metadata the expression builder could not turn into a copy (an unexpected member shape): JSON stays correct.
            return CopyPlan.Json(type, passesAsIs: false, _options);
        }
    }

    private bool SharedAsIs(Type type, JsonTypeInfo info)
    {
        if (type.IsDefined(typeof(ImmutableAttribute), inherit: false))
        {
            return true;
        }
        // Primitives JSON refuses: inside an object they keep the JSON copy, so that copying fails as it always did.
        if (type == typeof(nint) || type == typeof(nuint) || !CopySupport.IsBuiltIn(info.Converter))
        {
            return false;
        }
        return Nullable.GetUnderlyingType(type) is not { } underlying || GetPlan(underlying).Strategy == CopyStrategy.Identity;
    }
}
