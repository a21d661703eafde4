using System.Diagnostics;
using Runtime.Diagnostics;

namespace Runtime.Tests.Infrastructure;

/// <summary>Records every span of the runtime's source, and lets a test wait for one to end.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly object _lock = new();
    private readonly List<Activity> _stopped = [];
    private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Found)> _waiters = [];
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeInstruments.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans of one trace that have ended so far.</summary>
    public IReadOnlyList<Activity> Ended(ActivityTraceId traceId)
    {
        lock (_lock)
        {
            return [.. _stopped.Where(a => a.TraceId == traceId)];
        }
    }

    /// <summary>The first span of <paramref name="traceId"/> and <paramref name="kind"/> to end (already or later).</summary>
    public Task<Activity> WaitForAsync(ActivityTraceId traceId, ActivityKind kind)
    {
        bool Match(Activity activity) => activity.TraceId == traceId && activity.Kind == kind;
        lock (_lock)
        {
            if (_stopped.FirstOrDefault(Match) is { } ended)
            {
                return Task.FromResult(ended);
            }
            var found = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Match, found));
            return found.Task.WaitAsync(TestProbe.Patience);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnStopped(Activity activity)
    {
        List<TaskCompletionSource<Activity>> found = [];
        lock (_lock)
        {
            _stopped.Add(activity);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(activity))
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var waiter in found)
        {
            waiter.TrySetResult(activity);
        }
    }
}
