using System.Collections.Concurrent;

namespace Runtime.Activation;

/// <summary>
/// Runs an activation's code one piece at a time. Awaits inside grain code capture this context, so their
/// continuations come back here and never run in parallel with another turn of the same activation.
/// When the activation is idle, work runs inline on the caller's thread (no thread hop on the hot path).
/// </summary>
internal sealed class ActivationSynchronizationContext : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Action<Exception> _onUnhandled;
    private int _owned;

    public ActivationSynchronizationContext(Action<Exception> onUnhandled) => _onUnhandled = onUnhandled;

    public override void Post(SendOrPostCallback d, object? state)
    {
        _queue.Enqueue((d, state));
        if (Interlocked.CompareExchange(ref _owned, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: true);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code must not block on its own activation.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="callback"/> now on this thread if the activation is idle, else queues it.</summary>
    public void Execute(SendOrPostCallback callback, object? state)
    {
        if (Interlocked.CompareExchange(ref _owned, 1, 0) != 0)
        {
            Post(callback, state);
            return;
        }
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            Invoke(callback, state);
        }
        finally
        {
            SetSynchronizationContext(previous);
            Release();
        }
    }

    private void Drain()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (_queue.TryDequeue(out var work))
            {
                Invoke(work.Callback, work.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
            Release();
        }
    }

    private void Release()
    {
        Volatile.Write(ref _owned, 0);
        // Work posted after the last dequeue but before the release would otherwise wait forever.
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _owned, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: true);
        }
    }

    private void Invoke(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception exception)
        {
            _onUnhandled(exception);
        }
    }
}
