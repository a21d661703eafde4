using Grains.Models.Providers.Http;
using System.Runtime.CompilerServices;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Anthropic;

/// <summary>
/// Wraps the Anthropic SDK's <see cref="IChatClient"/> so every failure surfaces as a
/// <see cref="ModelCallException"/>, and a stream that stops before the model finished (no stop reason)
/// fails as transient after the updates already received, instead of looking like a short answer.
/// </summary>
public sealed class AnthropicErrorMappingChatClient(IChatClient inner, Func<string?, int?, ModelErrorKind> classify, string providerName)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!IsCallerCancellation(e, cancellationToken))
        {
            throw Map(e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception e) when (!IsCallerCancellation(e, cancellationToken))
        {
            throw Map(e);
        }
        await using (updates.ConfigureAwait(false))
        {
            var finished = false;
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception e) when (!IsCallerCancellation(e, cancellationToken))
                {
                    throw Map(e);
                }
                finished |= updates.Current.FinishReason is not null;
                yield return updates.Current;
            }
            if (!finished)
            {
                throw new ModelCallException(ModelErrorKind.Transient, $"{providerName}: the stream ended before the model finished.");
            }
        }
    }

    private static bool IsCallerCancellation(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private ModelCallException Map(Exception e)
    {
        // The error handler's exception may come back wrapped by the SDK.
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is ModelCallException known)
            {
                return known;
            }
        }
        switch (e)
        {
            case AnthropicApiException api:
            {
                var status = (int)api.StatusCode;
                var (type, message) = ProviderErrorBody.Parse(api.Body);
                return new ModelCallException(classify(type, status), $"{providerName} {type ?? "error"} (HTTP {status}): {message}", statusCode: status, inner: e);
            }
            case AnthropicSseException sse:
            {
                // An error event inside the stream: the status was 200, the event's type says what went wrong.
                var (type, message) = ProviderErrorBody.Parse(sse.Body);
                return new ModelCallException(classify(type, null), $"{providerName} stream error {type ?? "unknown"}: {message}", inner: e);
            }
            case ArgumentException or NotSupportedException:
                return new ModelCallException(ModelErrorKind.Permanent, $"{providerName}: the request cannot be sent: {e.Message}", inner: e);
            default:
                // Broken connections, timeouts, garbled responses: worth another try.
                return new ModelCallException(ModelErrorKind.Transient, $"{providerName}: the call failed ({e.GetType().Name}): {e.Message}", inner: e);
        }
    }
}
