namespace Client.Bench.WatchCost;

/// <summary>
/// When one periodic watcher (a scraper, a dashboard) is due, counted in watched time: the time the watched silo
/// has been under load. Slices of the other silo pause the clock, so a watcher neither fires there (which would
/// charge its cost to the unwatched silo) nor loses its rhythm.
/// </summary>
internal sealed class WatchClock
{
    private readonly TimeSpan _interval;
    private TimeSpan _nextDue = TimeSpan.Zero;

    public WatchClock(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _interval = interval;
    }

    /// <summary>
    /// The moments, as offsets from the slice's start, at which the watcher fires during the next
    /// <paramref name="sliceLength"/> of watched time; the clock then stands at the slice's end.
    /// </summary>
    public IReadOnlyList<TimeSpan> NextSlice(TimeSpan sliceStart, TimeSpan sliceLength)
    {
        var end = sliceStart + sliceLength;
        // Runs missed before the slice (a caller that skipped watched time) collapse into one at its start.
        while (_nextDue + _interval <= sliceStart)
        {
            _nextDue += _interval;
        }
        var due = new List<TimeSpan>();
        while (_nextDue < end)
        {
            due.Add(_nextDue < sliceStart ? TimeSpan.Zero : _nextDue - sliceStart);
            _nextDue += _interval;
        }
        return due;
    }
}
