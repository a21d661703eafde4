namespace Silo.Api;

/// <summary>
/// HTTP statuses of the last requests (bounded ring), counted over a time window on demand. The read-outs only
/// need counts, so reading allocates nothing: a copy of a full ring would be large enough for the large object
/// heap, once per dashboard poll.
/// </summary>
internal sealed class StatusWindow(int capacity = 16384)
{
    private readonly long[] _timestamps = new long[capacity];
    private readonly short[] _statuses = new short[capacity];
    private readonly Lock _lock = new();
    private long _next;

    public void Add(long timestamp, int status)
    {
        lock (_lock)
        {
            var slot = (int)(_next++ % capacity);
            _timestamps[slot] = timestamp;
            _statuses[slot] = (short)status;
        }
    }

    public RequestCounts CountSince(long fromTimestamp)
    {
        int total = 0, errors = 0, throttled = 0;
        lock (_lock)
        {
            var filled = (int)Math.Min(_next, capacity);
            for (var i = 0; i < filled; i++)
            {
                if (_timestamps[i] < fromTimestamp)
                {
                    continue;
                }
                total++;
                var status = _statuses[i];
                if (status == 429)
                {
                    throttled++;
                }
                else if (status >= 400)
                {
                    errors++;
                }
            }
        }
        return new RequestCounts(total, errors, throttled);
    }
}
