using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Grains.Models.Providers.Http;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// <see cref="IChatClient"/> over OpenAI's chat completions HTTP API, written directly on HttpClient: the request
/// written straight to UTF-8, each streamed chunk parsed from the response's bytes. (The OpenAI SDK did the same
/// at about twice the silo's CPU per request.) Every failure surfaces as <see cref="ModelCallException"/>; caller
/// cancellation stays an <see cref="OperationCanceledException"/>. No retries here: the gateway owns them.
/// </summary>
public sealed class OpenAiChatClient : IChatClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _completions;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly string _model;
    private readonly ChatClientMetadata _metadata;

    /// <param name="http">Its pipeline turns error statuses into <see cref="ModelCallException"/> (<see cref="ErrorResponseHandler"/>).</param>
    /// <param name="apiKey">Sent as a bearer token; none for a local server that takes no key.</param>
    internal OpenAiChatClient(HttpClient http, Uri endpoint, string? apiKey, string model)
    {
        _http = http;
        _completions = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/chat/completions");
        _authorization = apiKey is null ? null : new AuthenticationHeaderValue("Bearer", apiKey);
        _model = model;
        _metadata = new ChatClientMetadata("openai", endpoint, model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(messages, options, stream: false);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return OpenAiResponseReader.ReadCompletion(body);
        }
        catch (Exception e) when (OpenAiErrorMapper.Translate(e, _model, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = Request(messages, options, stream: true);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var content = await Translated(new ValueTask<Stream>(response.Content.ReadAsStreamAsync(cancellationToken)), cancellationToken).ConfigureAwait(false);
        var chunks = SseParser.Create(content, static (_, data) => data.SequenceEqual("[DONE]"u8) ? null : OpenAiResponseReader.ReadChunk(data))
            .EnumerateAsync(cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        await using (chunks.ConfigureAwait(false))
        {
            // Chunks are yielded outside the try, so that earlier ones reach the caller before a failure.
            var finished = false;
            while (await Translated(chunks.MoveNextAsync(), cancellationToken).ConfigureAwait(false) && chunks.Current.Data is { } update)
            {
                finished |= update.FinishReason is not null;
                yield return update;
            }

            // A server or proxy that closes the response cleanly mid-answer looks like a normal end of the stream;
            // without a finish reason the answer is incomplete, and the retry layer must know.
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
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    // The connection pool is the provider's, shared by its clients; there is nothing to release.
    public void Dispose()
    {
    }

    private HttpRequestMessage Request(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var body = new ByteArrayContent(OpenAiRequestWriter.Write(_model, messages, options, stream));
        body.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, _completions) { Content = body };
        request.Headers.Authorization = _authorization;
        return request;
    }

    // Non-success statuses were turned into ModelCallException by the pipeline's ErrorResponseHandler.
    private ValueTask<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Translated(new ValueTask<HttpResponseMessage>(_http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)), cancellationToken);

    private async ValueTask<T> Translated<T>(ValueTask<T> pending, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (OpenAiErrorMapper.Translate(e, _model, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }
}
