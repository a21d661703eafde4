using Runtime.Invocation;
using Runtime.Serialization;

namespace Runtime.Activation;

/// <summary>One call to a grain method that returns a single result.</summary>
internal sealed class RequestWorkItem<T> : WorkItem
{
    private readonly GrainMethod<T> _method;
    private readonly object?[] _arguments;
    private readonly GrainSerializer _serializer;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Zero when nobody listens to the call-duration histogram, so unobserved calls pay nothing for it.
    private readonly long _created = Diagnostics.RuntimeInstruments.CallDuration.Enabled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;

    public RequestWorkItem(GrainId target, GrainMethod<T> method, object?[] arguments, GrainSerializer serializer) : base(target)
    {
        _method = method;
        _arguments = arguments;
        _serializer = serializer;
    }

    public Task<T> Task => _completion.Task;

    public override bool AlwaysInterleave => _method.AlwaysInterleave;

    public override void Start(ActivationData activation)
    {
        var cancellation = _method.GetCancellationToken(_arguments);
        if (cancellation.IsCancellationRequested)
        {
            _completion.TrySetCanceled(cancellation);
            activation.OnTurnCompleted(this);
            return;
        }
        ValueTask<T> pending;
        try
        {
            pending = _method.InvokeAwaitable(activation.GrainInstance!, _arguments);
        }
        catch (Exception exception)
        {
            Complete(activation, exception);
            return;
        }
        if (pending.IsCompletedSuccessfully)
        {
            Complete(activation, pending.Result);
            return;
        }
        _ = AwaitAsync(activation, pending);
    }

    public override void Reject(Exception reason) => _completion.TrySetException(reason);

    private async Task AwaitAsync(ActivationData activation, ValueTask<T> pending)
    {
        T result;
        try
        {
            result = await pending;
        }
        catch (Exception exception)
        {
            Complete(activation, exception);
            return;
        }
        Complete(activation, result);
    }

    private void RecordDuration()
    {
        if (_created != 0)
        {
            Diagnostics.RuntimeInstruments.CallDuration.Record(
                System.Diagnostics.Stopwatch.GetElapsedTime(_created).TotalMilliseconds,
                new KeyValuePair<string, object?>("grain_type", Target.Type), new KeyValuePair<string, object?>("method", _method.Name));
        }
    }

    private void Complete(ActivationData activation, T result)
    {
        activation.OnTurnCompleted(this);
        RecordDuration();
        try
        {
            _completion.TrySetResult(_serializer.Copy(result)!);
        }
        catch (Exception exception)
        {
            _completion.TrySetException(new InvalidOperationException(
                $"The result of {_method.Name} could not be serialized: {exception.Message}", exception));
        }
    }

    private void Complete(ActivationData activation, Exception exception)
    {
        activation.OnTurnCompleted(this);
        RecordDuration();
        if (exception is OperationCanceledException canceled)
        {
            _completion.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _completion.TrySetException(exception);
        }
    }
}
