using System.Runtime.CompilerServices;

namespace Silo.Observability;

/// <summary>
/// Up to three tags, compared by the identity of their keys and values rather than by their text. Call sites pass
/// the same string and boxed instances call after call (literals, a model's id, pre-boxed statuses), so the
/// identity finds a series without hashing or comparing any text; a new instance with the same text only costs a
/// lookup by value once more.
/// </summary>
internal readonly struct TagIdentity : IEquatable<TagIdentity>
{
    public const int MaxTags = 3;

    private readonly int _count;
    private readonly string? _key0, _key1, _key2;
    private readonly object? _value0, _value1, _value2;

    private TagIdentity(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _count = tags.Length;
        if (tags.Length > 0)
        {
            (_key0, _value0) = (tags[0].Key, tags[0].Value);
        }
        if (tags.Length > 1)
        {
            (_key1, _value1) = (tags[1].Key, tags[1].Value);
        }
        if (tags.Length > 2)
        {
            (_key2, _value2) = (tags[2].Key, tags[2].Value);
        }
    }

    /// <summary>The identity of <paramref name="tags"/>, or false when there are more than <see cref="MaxTags"/>.</summary>
    public static bool TryCreate(ReadOnlySpan<KeyValuePair<string, object?>> tags, out TagIdentity identity)
    {
        identity = tags.Length <= MaxTags ? new TagIdentity(tags) : default;
        return tags.Length <= MaxTags;
    }

    public bool Equals(TagIdentity other) =>
        _count == other._count
        && ReferenceEquals(_key0, other._key0) && ReferenceEquals(_value0, other._value0)
        && ReferenceEquals(_key1, other._key1) && ReferenceEquals(_value1, other._value1)
        && ReferenceEquals(_key2, other._key2) && ReferenceEquals(_value2, other._value2);

    public override bool Equals(object? obj) => obj is TagIdentity other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(
        _count,
        RuntimeHelpers.GetHashCode(_key0), RuntimeHelpers.GetHashCode(_value0),
        RuntimeHelpers.GetHashCode(_key1), RuntimeHelpers.GetHashCode(_value1),
        RuntimeHelpers.GetHashCode(_key2), RuntimeHelpers.GetHashCode(_value2));
}
