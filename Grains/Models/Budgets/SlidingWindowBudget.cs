namespace Grains.Models.Budgets;

/// <summary>
/// At most <c>limit</c> units in any 60-second window (the way provider quotas are stated). Units can be
/// given back while still in the window: the unused part of a token reservation is refunded this way. Units handed
/// out in a slice may be spent any time until the slice's term ends, so they are counted as if spent at its end
/// (<c>spentBy</c>) until the silo says when it really last spent them; entries stay sorted by that time.
/// </summary>
internal sealed class SlidingWindowBudget(int limit)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly LinkedList<Entry> _entries = new();
    private long _inWindow;

    public int Limit => limit;

    public bool Unlimited => limit <= 0;

    public long Used(DateTimeOffset now)
    {
        Expire(now);
        return _inWindow;
    }

    /// <summary>Units that could be taken now (a large number when unlimited).</summary>
    public int Available(DateTimeOffset now) => Unlimited ? int.MaxValue : (int)Math.Max(0, limit - Used(now));

    /// <summary>
    /// Takes <paramref name="units"/> if they fit, counted as spent at <paramref name="spentBy"/> (now unless
    /// given); returns a handle for refunds, or null.
    /// </summary>
    public object? TryTake(int units, DateTimeOffset now, DateTimeOffset? spentBy = null)
    {
        if (Unlimited)
        {
            return NoHandle;
        }
        Expire(now);
        if (_inWindow + units > limit)
        {
            return null;
        }
        _inWindow += units;
        return InsertSorted(new Entry(spentBy ?? now, units));
    }

    /// <summary>
    /// Gives back <paramref name="unused"/> units of what <paramref name="handle"/> took and, if the rest was spent
    /// by <paramref name="spentBy"/>, earlier than first assumed, counts it from then.
    /// </summary>
    public void Settle(object? handle, int unused, DateTimeOffset spentBy)
    {
        Refund(handle, unused);
        if (handle is LinkedListNode<Entry> { List: not null } node && spentBy < node.Value.At)
        {
            _entries.Remove(node);
            node.Value = node.Value with { At = spentBy };
            InsertSorted(node);
        }
    }

    /// <summary>How long until <paramref name="units"/> would fit, assuming nothing else is taken.</summary>
    public TimeSpan TimeUntilAvailable(int units, DateTimeOffset now)
    {
        Expire(now);
        var excess = _inWindow + units - limit;
        foreach (var entry in _entries)
        {
            if (excess <= 0)
            {
                break;
            }
            excess -= entry.Units;
            if (excess <= 0)
            {
                return entry.At + Window - now;
            }
        }
        return excess <= 0 ? TimeSpan.Zero : Window;
    }

    /// <summary>Gives back part of what <paramref name="handle"/> took, if it is still in the window.</summary>
    public void Refund(object? handle, int units)
    {
        if (handle is LinkedListNode<Entry> { List: not null } node && units > 0)
        {
            var refunded = Math.Min(units, node.Value.Units);
            node.Value = node.Value with { Units = node.Value.Units - refunded };
            _inWindow -= refunded;
        }
    }

    private LinkedListNode<Entry> InsertSorted(Entry entry) => InsertSorted(new LinkedListNode<Entry>(entry));

    private LinkedListNode<Entry> InsertSorted(LinkedListNode<Entry> node)
    {
        // Almost always the newest entry: the walk from the end is short.
        var after = _entries.Last;
        while (after is not null && after.Value.At > node.Value.At)
        {
            after = after.Previous;
        }
        if (after is null)
        {
            _entries.AddFirst(node);
        }
        else
        {
            _entries.AddAfter(after, node);
        }
        return node;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_entries.First is { } first && first.Value.At + Window <= now)
        {
            _inWindow -= first.Value.Units;
            _entries.RemoveFirst();
        }
    }

    private static readonly object NoHandle = new();

    private readonly record struct Entry(DateTimeOffset At, int Units);
}
