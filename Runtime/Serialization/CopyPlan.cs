using System.Linq.Expressions;
using System.Text.Json;

namespace Runtime.Serialization;

/// <summary>
/// The copy of one declared type, built once: <see cref="Typed"/> is a <c>Func&lt;T, T&gt;</c> (no boxing for the
/// generic path and for nested members), <see cref="Boxed"/> serves callers that only have an object and a Type.
/// </summary>
internal sealed class CopyPlan
{
    private CopyPlan(CopyStrategy strategy, bool passesAsIs, Delegate typed, Func<object, object?> boxed)
    {
        Strategy = strategy;
        PassesAsIs = passesAsIs;
        Typed = typed;
        Boxed = boxed;
    }

    public CopyStrategy Strategy { get; }

    /// <summary>
    /// A value of this type handed to the serializer on its own is not copied at all (primitives, strings,
    /// [Immutable] types), as before; only as a member can such a type still need the JSON copy (a custom converter).
    /// </summary>
    public bool PassesAsIs { get; }

    public Delegate Typed { get; }

    public Func<object, object?> Boxed { get; }

    public static CopyPlan Identity(Type type)
    {
        var value = Expression.Parameter(type, "value");
        return new CopyPlan(CopyStrategy.Identity, passesAsIs: true, Expression.Lambda(FuncOf(type), value, value).Compile(), static value => value);
    }

    public static CopyPlan Compiled(LambdaExpression copy)
    {
        var typed = copy.Compile();
        return new CopyPlan(CopyStrategy.Compiled, passesAsIs: false, typed, Box(copy.ReturnType, typed));
    }

    /// <summary>
    /// Resolves the type's metadata at copy time, not now, so that a type JSON cannot handle fails exactly where
    /// and how the JSON copy always failed: when a value is copied.
    /// </summary>
    public static CopyPlan Json(Type type, bool passesAsIs, JsonSerializerOptions options)
    {
        var value = Expression.Parameter(type, "value");
        var call = Expression.Call(
            typeof(JsonRoundTrip), nameof(JsonRoundTrip.Copy), null,
            Expression.Convert(value, typeof(object)), Expression.Constant(options), Expression.Constant(type));
        var typed = Expression.Lambda(FuncOf(type), Expression.Convert(call, type), value).Compile();
        return new CopyPlan(CopyStrategy.Json, passesAsIs, typed, value => JsonRoundTrip.Copy(value, options, type));
    }

    public static Type FuncOf(Type type) => typeof(Func<,>).MakeGenericType(type, type);

    private static Func<object, object?> Box(Type type, Delegate typed)
    {
        var value = Expression.Parameter(typeof(object), "value");
        var call = Expression.Invoke(Expression.Constant(typed), Expression.Convert(value, type));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(call, typeof(object)), value).Compile();
    }
}
