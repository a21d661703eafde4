namespace Grains.Models.Budgets;

/// <summary>
/// At most <c>limit</c> units in any 60-second window (the way provider quotas are stated). Units can be
/// given back while still in the window: the unused part of a token reservation is refunded this way.
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

    /// <summary>Takes <paramref name="units"/> if they fit; returns a handle for refunds, or null.</summary>
    public object? TryTake(int units, DateTimeOffset now)
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
        return _entries.AddLast(new Entry(now, units));
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
