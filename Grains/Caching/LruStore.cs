namespace Grains.Caching;

/// <summary>
/// Entries with a time to live, under a size cap: the least recently used go first. Not thread-safe: a grain (or
/// a lock) owns it.
/// </summary>
internal sealed class LruStore<TValue>(long maxSize, TimeSpan ttl, TimeProvider time, Func<TValue, long> sizeOf)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();

    public int Count => _index.Count;
    public long Size { get; private set; }
    public long Evictions { get; private set; }
    public long Expirations { get; private set; }

    public bool TryGet(string key, out TValue value)
    {
        value = default!;
        if (!_index.TryGetValue(key, out var node))
        {
            return false;
        }
        if (node.Value.ExpiresAt <= time.GetUtcNow())
        {
            Remove(node);
            Expirations++;
            return false;
        }
        _recency.Remove(node);
        _recency.AddFirst(node);
        value = node.Value.Value;
        return true;
    }

    public void Set(string key, TValue value, TimeSpan? timeToLive = null)
    {
        if (_index.TryGetValue(key, out var existing))
        {
            Remove(existing);
        }
        var size = sizeOf(value);
        if (size > maxSize)
        {
            return;
        }
        _index[key] = _recency.AddFirst(new Entry(key, value, size, time.GetUtcNow() + (timeToLive ?? ttl)));
        Size += size;
        while (Size > maxSize && _recency.Last is { } oldest)
        {
            Remove(oldest);
            Evictions++;
        }
    }

    public int RemoveWhere(Func<TValue, bool> predicate)
    {
        var doomed = _recency.Where(e => predicate(e.Value)).Select(e => _index[e.Key]).ToList();
        doomed.ForEach(Remove);
        return doomed.Count;
    }

    public IEnumerable<TValue> Values => _recency.Select(e => e.Value);

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _index.Remove(node.Value.Key);
        Size -= node.Value.Size;
    }

    private sealed record Entry(string Key, TValue Value, long Size, DateTimeOffset ExpiresAt);
}
