using Grains.Interfaces.Jobs;

namespace Grains.Tests.Jobs;

/// <summary>A subscriber of a job's events: collects them as they come, lets the test wait for one.</summary>
public sealed class JobEventLog : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly object _lock = new();
    private readonly List<JobEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JobEventLog(IJobGrain job, int afterSequence) => _pump = PumpAsync(job, afterSequence);

    /// <summary>Subscribes to <paramref name="job"/>'s events after <paramref name="afterSequence"/>.</summary>
    public static JobEventLog Follow(IJobGrain job, int afterSequence = 0) => new(job, afterSequence);

    public IReadOnlyList<JobEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The first event that matches, waiting for it if it has not come yet.</summary>
    public async Task<JobEvent> WaitForAsync(Func<JobEvent, bool> match, string what)
    {
        var deadline = Task.Delay(Timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_events.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
                changed = _changed.Task;
            }
            if (_pump.IsCompleted)
            {
                await _pump;
                throw new InvalidOperationException($"The event stream ended without {what}; got: {Describe(Events)}");
            }
            if (await Task.WhenAny(changed, _pump, deadline) == deadline)
            {
                throw new TimeoutException($"No {what} within {Timeout.TotalSeconds} s; got: {Describe(Events)}");
            }
        }
    }

    public Task<JobEvent> ToolFinishedAsync(int index) =>
        WaitForAsync(e => e.Type == JobEventType.ToolFinished && e.ToolIndex == index, $"tool.finished of tool {index}");

    public Task<JobEvent> ToolStartedAsync(int index) =>
        WaitForAsync(e => e.Type == JobEventType.ToolStarted && e.ToolIndex == index, $"tool.started of tool {index}");

    /// <summary>Waits for the stream to end, which it must do with job.finished, and returns everything it carried.</summary>
    public async Task<IReadOnlyList<JobEvent>> UntilEndAsync()
    {
        await _pump.WaitAsync(Timeout);
        var events = Events;
        Assert.True(events.Count > 0 && events[^1].Type == JobEventType.JobFinished, $"The stream should end with job.finished: {Describe(events)}");
        return events;
    }

    public static string Describe(IEnumerable<JobEvent> events) =>
        string.Join(", ", events.Select(e => $"{e.Sequence}:{e.Type}{(e.ToolIndex is { } i ? $"[{i}]" : "")}{(e.ToolStatus is { } s ? $"={s}" : "")}"));

    private async Task PumpAsync(IJobGrain job, int afterSequence)
    {
        await Task.Yield();
        await foreach (var item in job.Events(afterSequence, _stop.Token))
        {
            TaskCompletionSource changed;
            lock (_lock)
            {
                _events.Add(item);
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            changed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump.WaitAsync(Timeout);
        }
        catch (Exception)
        {
            // Stopped on purpose, or the silo went away first.
        }
        _stop.Dispose();
    }
}
