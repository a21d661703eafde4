using System.Collections;
using System.Reflection;

namespace Runtime.Tests.Serialization;

/// <summary>
/// The mutable objects reachable from a value, by reference: class instances and arrays, walked through their
/// fields and through the elements of collections (not collection internals, whose comparers are shared singletons).
/// Strings, [Immutable] types and boxed values are not objects anyone could mutate through a shared reference.
/// </summary>
internal static class MutableGraph
{
    public static HashSet<object> Collect(object? root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, seen);
        return seen;
    }

    /// <summary>The types of mutable objects both values reach: empty when the copy shares nothing with the original.</summary>
    public static List<string> Shared(object? original, object? copy)
    {
        var mine = Collect(original);
        return [.. Collect(copy).Where(mine.Contains).Select(o => o.GetType().Name)];
    }

    private static void Walk(object? value, HashSet<object> seen)
    {
        if (value is null or string or Type or Delegate || value.GetType().IsDefined(typeof(ImmutableAttribute), inherit: false))
        {
            return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Uri)
        {
            return;
        }
        // A boxed struct is a fresh box on every read: walk into it, never record it.
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Walk(item, seen);
            }
            return;
        }
        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), seen);
            }
        }
    }
}
