using System.Diagnostics;
using System.Runtime.CompilerServices;
using Grains.Interfaces.Models;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Grains.Diagnostics;

/// <summary>
/// A <c>model.call</c> activity around every provider call of one model (the child of whatever activity the caller
/// runs in, e.g. the HTTP request), while someone records traces; otherwise the provider's own calls, untouched.
/// It sits between the gateway and the provider, so one gateway attempt is one span. The call's metrics are the
/// gateway's (<see cref="ModelInstruments.RecordCall"/>), whether or not anyone traces.
/// </summary>
internal sealed class TracedChatClient(IChatClient inner, string modelId) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var activity = ModelInstruments.StartCall(modelId);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            End(activity, CallOutcome.Success);
            return response;
        }
        catch (Exception exception)
        {
            End(activity, OutcomeOf(exception, cancellationToken.IsCancellationRequested));
            throw;
        }
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        // Without a listener there is no span to keep open across the stream's awaits, and the provider's stream
        // passes through as it is, at no cost per update.
        ModelInstruments.ActivitySource.HasListeners()
            ? TracedStreamingResponseAsync(messages, options, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> TracedStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Captured before the first await: inside an async iterator Activity.Current is the caller's again after
        // each yield, so the activity is held in a local and closed explicitly rather than through Activity.Current.
        using var activity = ModelInstruments.StartCall(modelId);
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
                    outcome = OutcomeOf(exception, cancellationToken.IsCancellationRequested);
                    throw;
                }
                yield return stream.Current;
            }
            outcome = CallOutcome.Success;
        }
        finally
        {
            // A consumer that stops early (the gateway after a cancellation) ends here too, counted as cancelled.
            await stream.DisposeAsync().ConfigureAwait(false);
            End(activity, outcome);
        }
    }

    private static void End(Activity? activity, CallOutcome outcome)
    {
        if (activity is not null)
        {
            ModelInstruments.EndCall(activity, outcome);
        }
    }

    private static CallOutcome OutcomeOf(Exception exception, bool cancelled) => exception switch
    {
        OperationCanceledException when cancelled => CallOutcome.Cancelled,
        ModelCallException { Kind: ModelErrorKind.Throttled } => CallOutcome.Throttled,
        ModelCallException { Kind: ModelErrorKind.Permanent } => CallOutcome.PermanentError,
        _ => CallOutcome.TransientError,
    };
}
