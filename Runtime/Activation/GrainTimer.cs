namespace Runtime.Activation;

/// <summary>
/// Ticks come from the silo's <see cref="TimeProvider"/>; a tick is skipped while the previous one is still
/// queued or running, so callbacks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;
    private int _tickPending;

    public GrainTimer(ActivationData activation, TimeProvider time, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DueTime, Timeout.InfiniteTimeSpan);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Period, Timeout.InfiniteTimeSpan);
        _activation = activation;
        _callback = callback;
        Options = options;
        _timer = time.CreateTimer(static state => ((GrainTimer)state!).OnTick(), this, options.DueTime, options.Period);
    }

    public GrainTimerCreationOptions Options { get; }

    public void Change(TimeSpan dueTime, TimeSpan period) => _timer.Change(dueTime, period);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    internal Task InvokeCallbackAsync() =>
        _disposed.IsCancellationRequested ? Task.CompletedTask : _callback(_disposed.Token);

    internal void OnTickFinished() => Volatile.Write(ref _tickPending, 0);

    private void OnTick()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }
        _activation.SubmitTimerTick(new TimerWorkItem(_activation.GrainId, this));
    }
}
