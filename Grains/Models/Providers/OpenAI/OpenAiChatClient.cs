using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SdkChatClient = OpenAI.Chat.ChatClient;
using SdkStreamingUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI SDK's chat completions (Microsoft.Extensions.AI.OpenAI is not
/// available here). Every failure surfaces as <see cref="ModelCallException"/>; caller cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class OpenAiChatClient : IChatClient
{
    private readonly SdkChatClient _client;
    private readonly string _model;
    private readonly ChatClientMetadata _metadata;
    private readonly TimeProvider _time;

    public OpenAiChatClient(SdkChatClient client, string model, Uri endpoint, TimeProvider? time = null)
    {
        _client = client;
        _model = model;
        _metadata = new ChatClientMetadata("openai", endpoint, model);
        _time = time ?? TimeProvider.System;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = OpenAiRequestMapper.ToSdkMessages(messages);
        var sdkOptions = OpenAiRequestMapper.ToSdkOptions(options);
        try
        {
            var result = await _client.CompleteChatAsync(request, sdkOptions, cancellationToken).ConfigureAwait(false);
            return OpenAiResponseMapper.ToChatResponse(result.Value);
        }
        catch (Exception e) when (OpenAiErrorMapper.Translate(e, _model, _time.GetUtcNow(), cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = OpenAiRequestMapper.ToSdkMessages(messages);
        var sdkOptions = OpenAiRequestMapper.ToSdkOptions(options);

        // The request is sent on the first MoveNextAsync, so HTTP errors and broken connections both surface
        // there; updates are yielded outside the try so that earlier ones reach the caller before a failure.
        var updates = _client.CompleteChatStreamingAsync(request, sdkOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            var finished = false;
            while (await MoveNextAsync(updates, cancellationToken).ConfigureAwait(false))
            {
                finished |= updates.Current.FinishReason is not null;
                yield return OpenAiResponseMapper.ToChatResponseUpdate(updates.Current);
            }

            // A server or proxy that closes the response cleanly mid-answer looks like a normal end to the
            // SDK; without a finish reason the answer is incomplete, and the retry layer must know.
            if (!finished)
            {
                throw new ModelCallException(ModelErrorKind.Transient, $"The OpenAI stream for model '{_model}' ended before its final chunk.");
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(SdkChatClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    // The SDK client shares a process-wide HttpClient; there is nothing to release.
    public void Dispose()
    {
    }

    private async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<SdkStreamingUpdate> updates, CancellationToken cancellationToken)
    {
        try
        {
            return await updates.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (OpenAiErrorMapper.Translate(e, _model, _time.GetUtcNow(), cancellationToken) is { } translated)
        {
            throw translated;
        }
    }
}
