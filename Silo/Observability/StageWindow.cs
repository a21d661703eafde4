using Grains.Models.Statistics;

namespace Silo.Observability;

/// <summary>
/// Recent samples of one measure (bounded ring), summarized over a time window on demand. Recording is on every
/// request's path, reading only on a read-out's: a reader copies under the lock in one plain pass and sorts and
/// summarizes outside it, so a dashboard poll holds up requests for a copy at most.
/// </summary>
internal sealed class StageWindow(int capacity = 8192)
{
    private readonly long[] _timestamps = new long[capacity];
    private readonly double[] _values = new double[capacity];
    private readonly Lock _lock = new();
    private long _next;

    public int Capacity => capacity;

    public void Add(long timestamp, double value)
    {
        lock (_lock)
        {
            var slot = (int)(_next++ % capacity);
            _timestamps[slot] = timestamp;
            _values[slot] = value;
        }
    }

    /// <summary>Copies the values recorded at or after <paramref name="fromTimestamp"/>, in no order; returns how many.</summary>
    /// <param name="destination">At least <see cref="Capacity"/> long.</param>
    public int CopySince(long fromTimestamp, Span<double> destination)
    {
        var copied = 0;
        lock (_lock)
        {
            var filled = (int)Math.Min(_next, capacity);
            for (var i = 0; i < filled; i++)
            {
                if (_timestamps[i] >= fromTimestamp)
                {
                    destination[copied++] = _values[i];
                }
            }
        }
        return copied;
    }

    /// <summary>Count, p50, p90 and p99 (nearest rank) of values sorted in ascending order.</summary>
    public static Percentiles Summarize(ArraySegment<double> sorted) =>
        new(sorted.Count, Percentile.Of(sorted, 0.5), Percentile.Of(sorted, 0.9), Percentile.Of(sorted, 0.99));
}
