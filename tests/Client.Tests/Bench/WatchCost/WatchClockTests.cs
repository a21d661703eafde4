using Client.Bench.WatchCost;

namespace Client.Tests.Bench.WatchCost;

/// <summary>The watchers' clock, which stands still while the other silo is measured.</summary>
public sealed class WatchClockTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_watcher_slower_than_the_slices_fires_in_the_slice_its_time_falls_in()
    {
        var clock = new WatchClock(15 * Second);

        // Slices of 2 s of watched time: 0-2 fires at once, then nothing until 14-16 fires 1 s in, then 30-32.
        var fired = Enumerable.Range(0, 16).Select(i => clock.NextSlice(i * 2 * Second, 2 * Second)).ToList();

        Assert.Equal([TimeSpan.Zero], fired[0]);
        Assert.All(fired.Skip(1).Take(6), Assert.Empty);
        Assert.Equal([Second], fired[7]);
        Assert.Equal([TimeSpan.Zero], fired[15]);
    }

    [Fact]
    public void A_watcher_faster_than_the_slices_fires_several_times_in_each()
    {
        var clock = new WatchClock(Second);

        Assert.Equal([TimeSpan.Zero, Second], clock.NextSlice(TimeSpan.Zero, 2 * Second));
        Assert.Equal([TimeSpan.Zero, Second], clock.NextSlice(2 * Second, 2 * Second));
    }

    [Fact]
    public void Runs_missed_before_a_slice_collapse_into_one_at_its_start()
    {
        var clock = new WatchClock(Second);
        clock.NextSlice(TimeSpan.Zero, Second);

        // Watched time jumped from 1 s to 5 s (a caller that skipped slices): the missed runs are not made up.
        Assert.Equal([TimeSpan.Zero], clock.NextSlice(5 * Second, 0.5 * Second));
    }

    [Fact]
    public void An_interval_of_zero_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WatchClock(TimeSpan.Zero));
    }
}
