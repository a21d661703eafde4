using System.Linq.Expressions;
using System.Text.Json.Serialization.Metadata;

namespace Runtime.Serialization;

/// <summary>
/// Compiled copies of the collection shapes whose JSON round trip is known exactly: arrays, List and the list and
/// enumerable interfaces (JSON reads them back as List), HashSet and ISet (HashSet), Dictionary and the dictionary
/// interfaces (Dictionary). Other collections (queues and stacks, whose order JSON reverses, immutable and concurrent
/// collections, custom collection classes, IAsyncEnumerable) keep the JSON copy, as do collections whose elements
/// need it: one round trip of the whole collection is cheaper than one per element.
/// </summary>
internal static class CollectionCopyBuilder
{
    private static readonly HashSet<Type> ListShapes =
    [
        typeof(List<>), typeof(IEnumerable<>), typeof(ICollection<>), typeof(IList<>),
        typeof(IReadOnlyCollection<>), typeof(IReadOnlyList<>),
    ];

    private static readonly HashSet<Type> SetShapes = [typeof(HashSet<>), typeof(ISet<>)];

    private static readonly HashSet<Type> DictionaryShapes = [typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    public static LambdaExpression? TryBuild(DeepCopier copier, JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Enumerable when info.ElementType is { } element => Enumerable(copier, info.Type, element),
        JsonTypeInfoKind.Dictionary when info.KeyType is { } key && info.ElementType is { } value => Dictionary(copier, info, key, value),
        _ => null,
    };

    /// <summary>An array JSON writes as one value (byte[] as base64) but that is still a mutable array.</summary>
    public static LambdaExpression? ArrayOfValues(DeepCopier copier, Type type) =>
        type.IsSZArray && type.GetElementType() is { } element ? Enumerable(copier, type, element) : null;

    private static LambdaExpression? Enumerable(DeepCopier copier, Type type, Type element)
    {
        string helper;
        if (type.IsSZArray && type.GetElementType() == element)
        {
            helper = nameof(CollectionCopies.Array);
        }
        else if (IsShape(type, ListShapes, element))
        {
            helper = nameof(CollectionCopies.List);
        }
        else if (IsShape(type, SetShapes, element))
        {
            helper = nameof(CollectionCopies.Set);
        }
        else
        {
            return null;
        }
        return ElementCopier(copier, element) is { } copyElement
            ? NullOr(type, source => Expression.Call(typeof(CollectionCopies), helper, [element], source, copyElement))
            : null;
    }

    private static LambdaExpression? Dictionary(DeepCopier copier, JsonTypeInfo info, Type key, Type value)
    {
        // A key policy rewrites string keys on the way out and not on the way back: only JSON reproduces that.
        if (info.Options.DictionaryKeyPolicy is not null
            || !CopySupport.IsPlainDictionaryKey(key)
            || copier.GetPlan(key).Strategy != CopyStrategy.Identity
            || !IsShape(info.Type, DictionaryShapes, key, value))
        {
            return null;
        }
        return ElementCopier(copier, value) is { } copyValue
            ? NullOr(info.Type, source => Expression.Call(typeof(CollectionCopies), nameof(CollectionCopies.Dictionary), [key, value], source, copyValue))
            : null;
    }

    /// <summary>The element's copy delegate, a null constant when elements are shared, or null when JSON must copy them.</summary>
    private static Expression? ElementCopier(DeepCopier copier, Type element)
    {
        var plan = copier.GetPlan(element);
        return plan.Strategy switch
        {
            CopyStrategy.Identity => Expression.Constant(null, CopyPlan.FuncOf(element)),
            CopyStrategy.Compiled => Expression.Constant(plan.Typed),
            _ => null,
        };
    }

    private static bool IsShape(Type type, HashSet<Type> shapes, params Type[] arguments) =>
        type.IsGenericType && shapes.Contains(type.GetGenericTypeDefinition()) && type.GetGenericArguments().SequenceEqual(arguments);

    private static LambdaExpression NullOr(Type type, Func<Expression, Expression> copy)
    {
        var source = Expression.Parameter(type, "source");
        var body = Expression.Condition(
            Expression.ReferenceEqual(source, Expression.Constant(null, type)),
            Expression.Constant(null, type),
            Expression.Convert(copy(source), type));
        return Expression.Lambda(CopyPlan.FuncOf(type), body, source);
    }
}
