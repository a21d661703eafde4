using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Runtime.Serialization;

/// <summary>
/// Types whose JSON contract reaches themselves (a tree node with a list of nodes). Their values may form cycles,
/// which the JSON copy detects (it stops at MaxDepth) and a compiled copy would follow until the stack overflows,
/// so they are copied by JSON. The walk over-approximates (it follows every written member), which only costs speed.
/// </summary>
internal sealed class RecursiveTypes(JsonSerializerOptions options)
{
    private readonly ConcurrentDictionary<Type, bool> _known = new();

    public bool Contains(Type type) => _known.GetOrAdd(type, ReachesItself);

    private bool ReachesItself(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(Members(root));
        while (pending.TryPop(out var type))
        {
            if (type == root)
            {
                return true;
            }
            if (seen.Add(type))
            {
                foreach (var member in Members(type))
                {
                    pending.Push(member);
                }
            }
        }
        return false;
    }

    private IEnumerable<Type> Members(Type type)
    {
        if (ImmutableTypes.IsImmutable(type))
        {
            return [];
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return [underlying];
        }
        JsonTypeInfo info;
        try
        {
            info = options.GetTypeInfo(type);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // Copied by JSON, which fails on it the same way: nothing to follow.
            return [];
        }
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.Where(p => p.Get is not null).Select(p => p.PropertyType),
            JsonTypeInfoKind.Enumerable when info.ElementType is { } element => [element],
            JsonTypeInfoKind.Dictionary when info.KeyType is { } key && info.ElementType is { } value => [key, value],
            _ => [],
        };
    }
}
