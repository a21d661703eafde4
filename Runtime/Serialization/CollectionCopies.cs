using System.Runtime.InteropServices;

namespace Runtime.Serialization;

/// <summary>
/// The collections a compiled copy builds: the same concrete types JSON deserializes into (List for the list and
/// enumerable interfaces, HashSet for sets, Dictionary for dictionaries, default comparers), with each element
/// copied by its own plan, or shared when the element type is immutable (<paramref name="element"/> is null).
/// </summary>
internal static class CollectionCopies
{
    public static TElement[] Array<TElement>(TElement[] source, Func<TElement, TElement>? element)
    {
        // Always an exact TElement[]: a covariant source (a Derived[] behind a Base[]) could not hold the Base copies.
        var copy = new TElement[source.Length];
        if (element is null)
        {
            new ReadOnlySpan<TElement>(source).CopyTo(copy);
            return copy;
        }
        for (var i = 0; i < source.Length; i++)
        {
            copy[i] = element(source[i]);
        }
        return copy;
    }

    public static List<TElement> List<TElement>(IEnumerable<TElement> source, Func<TElement, TElement>? element)
    {
        if (element is null)
        {
            return new List<TElement>(source);
        }
        if (source is List<TElement> list)
        {
            var copy = new List<TElement>(list.Count);
            foreach (var item in CollectionsMarshal.AsSpan(list))
            {
                copy.Add(element(item));
            }
            return copy;
        }
        var result = source.TryGetNonEnumeratedCount(out var count) ? new List<TElement>(count) : [];
        foreach (var item in source)
        {
            result.Add(element(item));
        }
        return result;
    }

    public static HashSet<TElement> Set<TElement>(IEnumerable<TElement> source, Func<TElement, TElement>? element)
    {
        var copy = source.TryGetNonEnumeratedCount(out var count) ? new HashSet<TElement>(count) : [];
        foreach (var item in source)
        {
            copy.Add(element is null ? item : element(item));
        }
        return copy;
    }

    public static Dictionary<TKey, TValue> Dictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> source, Func<TValue, TValue>? value)
        where TKey : notnull
    {
        if (source is Dictionary<TKey, TValue> dictionary)
        {
            if (value is null && dictionary.Comparer == EqualityComparer<TKey>.Default)
            {
                return new Dictionary<TKey, TValue>(dictionary);
            }
            var copy = new Dictionary<TKey, TValue>(dictionary.Count);
            foreach (var (key, item) in dictionary)
            {
                copy[key] = value is null ? item : value(item);
            }
            return copy;
        }
        var result = source.TryGetNonEnumeratedCount(out var count) ? new Dictionary<TKey, TValue>(count) : [];
        foreach (var (key, item) in source)
        {
            // The indexer, as JSON's reader: a source whose comparer told apart keys the default one does not keeps the last.
            result[key] = value is null ? item : value(item);
        }
        return result;
    }
}
