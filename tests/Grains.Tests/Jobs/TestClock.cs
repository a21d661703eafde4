using TestSupport;

namespace Grains.Tests.Jobs;

/// <summary>
/// The manual clock, seen through a wrapper that knows which timers are armed and when they are due, so a test
/// can wait until N calls are all waiting on the clock (e.g. a whole wave of a capped fan-out) before it advances.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<WatchedTimer> _armed = [];
    private TaskCompletionSource _changed = NewSignal();

    public TestClock() => Start = Manual.GetUtcNow();

    public ManualTimeProvider Manual { get; } = new();

    /// <summary>The time the clock started at: tests express due times from here.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>How far the clock has moved since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow() => Manual.GetUtcNow();

    public override long GetTimestamp() => Manual.GetTimestamp();

    public override long TimestampFrequency => Manual.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan delta) => Manual.Advance(delta);

    /// <summary>Advances to <paramref name="sinceStart"/> after <see cref="Start"/>.</summary>
    public void AdvanceTo(TimeSpan sinceStart) => Advance(sinceStart - Elapsed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this);
        timer.Inner = Manual.CreateTimer(s =>
        {
            timer.OnFired();
            callback(s);
        }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers armed now and due exactly <paramref name="sinceStart"/> after <see cref="Start"/>.</summary>
    public int ArmedAt(TimeSpan sinceStart)
    {
        lock (_lock)
        {
            return _armed.Count(t => t.DueAt == Start + sinceStart);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> timers are armed for <paramref name="sinceStart"/> after <see cref="Start"/>.</summary>
    public Task WaitForTimersAsync(TimeSpan sinceStart, int count = 1) =>
        WaitForAsync(sinceStart, armed => armed >= count, $"at least {count} timer(s)");

    /// <summary>Waits until no timer is armed for <paramref name="sinceStart"/>: whatever waited on it was cancelled.</summary>
    public Task WaitForNoTimersAsync(TimeSpan sinceStart) => WaitForAsync(sinceStart, armed => armed == 0, "no timer");

    private async Task WaitForAsync(TimeSpan sinceStart, Func<int, bool> done, string what)
    {
        var deadline = Task.Delay(TimeSpan.FromSeconds(15));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (done(_armed.Count(t => t.DueAt == Start + sinceStart)))
                {
                    return;
                }
                changed = _changed.Task;
            }
            if (await Task.WhenAny(changed, deadline) == deadline)
            {
                throw new TimeoutException(
                    $"Expected {what} due at +{sinceStart.TotalMilliseconds} ms; armed: {string.Join(", ", Armed().Select(d => $"+{d.TotalMilliseconds} ms"))} (clock at +{Elapsed.TotalMilliseconds} ms).");
            }
        }
    }

    private IReadOnlyList<TimeSpan> Armed()
    {
        lock (_lock)
        {
            return [.. _armed.Select(t => t.DueAt - Start).Order()];
        }
    }

    private void Update(WatchedTimer timer, DateTimeOffset? dueAt)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _armed.Remove(timer);
            if (dueAt is { } due)
            {
                timer.DueAt = due;
                _armed.Add(timer);
            }
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class WatchedTimer(TestClock clock) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            clock.Update(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime);
            return Inner.Change(dueTime, period);
        }

        public void OnFired() =>
            clock.Update(this, _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero ? clock.GetUtcNow() + _period : null);

        public void Dispose()
        {
            clock.Update(this, null);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
