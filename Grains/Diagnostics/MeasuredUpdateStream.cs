using System.Diagnostics;
using Grains.Interfaces.Models;
using Microsoft.Extensions.AI;

namespace Grains.Diagnostics;

/// <summary>
/// A provider's stream of updates, measured like <see cref="InstrumentedChatClient"/> measures it but without an
/// activity, for when nobody records traces. Hand-written rather than an async iterator: an update the provider
/// already has (a fast model's tokens) passes through without a state machine of its own, so measuring costs a
/// clock read per call and a check per update until the first token. The enumerable is its own first enumerator.
/// </summary>
internal sealed class MeasuredUpdateStream(
    IChatClient inner, IEnumerable<ChatMessage> messages, ChatOptions? options, string modelId, CancellationToken callToken)
    : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
{
    private IAsyncEnumerator<ChatResponseUpdate>? _updates;
    private CancellationToken _enumeratorToken;
    private int _handedOut;
    private long _started;
    private double? _firstTokenMs;
    private CallOutcome _outcome = CallOutcome.Cancelled;
    private bool _disposed;

    public ChatResponseUpdate Current => _updates is { } updates ? updates.Current : throw new InvalidOperationException("MoveNextAsync has not been called.");

    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        // A second enumeration gets a call of its own, as an async iterator's would.
        var enumerator = Interlocked.Exchange(ref _handedOut, 1) == 0 ? this : new MeasuredUpdateStream(inner, messages, options, modelId, callToken);
        enumerator._enumeratorToken = cancellationToken;
        return enumerator;
    }

    public ValueTask<bool> MoveNextAsync()
    {
        ValueTask<bool> next;
        try
        {
            if (_updates is null)
            {
                // The call starts with the first move, as the provider's own iterator would.
                _started = Stopwatch.GetTimestamp();
                _updates = inner.GetStreamingResponseAsync(messages, options, callToken).GetAsyncEnumerator(_enumeratorToken);
            }
            next = _updates.MoveNextAsync();
        }
        catch (Exception exception)
        {
            _outcome = InstrumentedChatClient.OutcomeOf(exception, Cancelled);
            throw;
        }
        return next.IsCompletedSuccessfully ? new ValueTask<bool>(Moved(next.Result)) : AwaitMoveAsync(next);
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed || _updates is null)
        {
            _disposed = true;
            return default;
        }
        _disposed = true;
        ValueTask disposing;
        try
        {
            disposing = _updates.DisposeAsync();
        }
        catch
        {
            Record();
            throw;
        }
        if (disposing.IsCompletedSuccessfully)
        {
            Record();
            return default;
        }
        return AwaitDisposeAsync(disposing);
    }

    private bool Cancelled => callToken.IsCancellationRequested || _enumeratorToken.IsCancellationRequested;

    private async ValueTask<bool> AwaitMoveAsync(ValueTask<bool> pending)
    {
        try
        {
            return Moved(await pending.ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            _outcome = InstrumentedChatClient.OutcomeOf(exception, Cancelled);
            throw;
        }
    }

    private bool Moved(bool moved)
    {
        if (!moved)
        {
            _outcome = CallOutcome.Success;
            return false;
        }
        if (_firstTokenMs is null && !string.IsNullOrEmpty(_updates!.Current.Text))
        {
            _firstTokenMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        }
        return true;
    }

    private async ValueTask AwaitDisposeAsync(ValueTask disposing)
    {
        try
        {
            await disposing.ConfigureAwait(false);
        }
        finally
        {
            Record();
        }
    }

    // A consumer that stops early (the gateway after a cancellation) ends here too, counted as cancelled.
    private void Record() => ModelInstruments.RecordCall(modelId, _outcome, Stopwatch.GetElapsedTime(_started).TotalMilliseconds, _firstTokenMs, null);
}
