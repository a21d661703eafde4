using System.Diagnostics;
using System.Runtime.CompilerServices;
using Grains.Interfaces.Models;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Grains.Diagnostics;

/// <summary>
/// Measures every provider call of one model: a <c>model.call</c> activity (child of whatever activity the caller
/// runs in, e.g. the HTTP request) when traces are recorded, its duration and outcome, time to first token, and
/// throttles. It sits between the gateway and the provider, so one gateway attempt is one measured call.
/// </summary>
internal sealed class InstrumentedChatClient(IChatClient inner, string modelId) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var activity = ModelInstruments.StartCall(modelId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            ModelInstruments.RecordCall(modelId, CallOutcome.Success, elapsed, elapsed, activity);
            return response;
        }
        catch (Exception exception)
        {
            ModelInstruments.RecordCall(modelId, OutcomeOf(exception, cancellationToken), Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, activity);
            throw;
        }
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        // Without a trace listener there is no activity to carry across the stream's awaits; the lean stream
        // measures the same figures for a fraction of an async iterator's cost per update.
        ModelInstruments.ActivitySource.HasListeners()
            ? TracedStreamingResponseAsync(messages, options, cancellationToken)
            : new MeasuredUpdateStream(InnerClient, messages, options, modelId, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> TracedStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Captured before the first await: inside an async iterator Activity.Current is the caller's again after
        // each yield, so the activity is held in a local and closed explicitly rather than through Activity.Current.
        using var activity = ModelInstruments.StartCall(modelId);
        var started = Stopwatch.GetTimestamp();
        double? firstTokenMs = null;
        var outcome = CallOutcome.Cancelled;
        var stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception exception)
                {
                    outcome = OutcomeOf(exception, cancellationToken);
                    throw;
                }
                if (firstTokenMs is null && !string.IsNullOrEmpty(stream.Current.Text))
                {
                    firstTokenMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                yield return stream.Current;
            }
            outcome = CallOutcome.Success;
        }
        finally
        {
            // A consumer that stops early (the gateway after a cancellation) ends here too, counted as cancelled.
            await stream.DisposeAsync().ConfigureAwait(false);
            ModelInstruments.RecordCall(modelId, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, firstTokenMs, activity);
        }
    }

    private static CallOutcome OutcomeOf(Exception exception, CancellationToken cancellationToken) => OutcomeOf(exception, cancellationToken.IsCancellationRequested);

    internal static CallOutcome OutcomeOf(Exception exception, bool cancelled) => exception switch
    {
        OperationCanceledException when cancelled => CallOutcome.Cancelled,
        ModelCallException { Kind: ModelErrorKind.Throttled } => CallOutcome.Throttled,
        ModelCallException { Kind: ModelErrorKind.Permanent } => CallOutcome.PermanentError,
        _ => CallOutcome.TransientError,
    };
}
