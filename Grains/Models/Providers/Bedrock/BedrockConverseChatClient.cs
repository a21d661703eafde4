using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Bedrock's Converse and ConverseStream APIs over a plain <see cref="HttpClient"/> whose pipeline signs
/// requests and turns error responses into <see cref="ModelCallException"/>s (AWSSDK.BedrockRuntime is not
/// available here).
/// </summary>
/// <param name="promptCacheMinTokens">A system prompt of at least this many estimated tokens gets a cache point; 0 = never.</param>
public sealed class BedrockConverseChatClient(HttpClient http, string baseUrl, string modelId, int defaultMaxTokens, int promptCacheMinTokens = 0) : IChatClient
{
    private const string EventStreamMediaType = "application/vnd.amazon.eventstream";

    private readonly ChatClientMetadata _metadata = new("aws.bedrock", new Uri(baseUrl), modelId);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? modelId;
        using var response = await SendAsync("converse", model, messages, options, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ConverseResponseReader.Read(document.RootElement, model);
        }
        catch (Exception e) when (IsFailure(e, cancellationToken))
        {
            throw new ModelCallException(ModelErrorKind.Transient, $"Bedrock converse: the response could not be read ({e.GetType().Name}).", inner: e);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? modelId;
        using var response = await SendAsync("converse-stream", model, messages, options, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var frames = Frames(response, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (frames.ConfigureAwait(false))
        {
            var finished = false;
            while (true)
            {
                try
                {
                    if (!await frames.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception e) when (IsFailure(e, cancellationToken))
                {
                    throw new ModelCallException(ModelErrorKind.Transient, $"Bedrock converse-stream broke: {e.Message}", inner: e);
                }
                var update = ConverseStreamTranslator.Translate(frames.Current, model);
                if (update is not null)
                {
                    finished |= update.FinishReason is not null;
                    yield return update;
                }
            }
            if (!finished)
            {
                throw new ModelCallException(ModelErrorKind.Transient, "Bedrock converse-stream ended before messageStop.");
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => http.Dispose();

    private static async IAsyncEnumerable<EventStreamMessage> Frames(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var frame in AwsEventStreamReader.ReadAsync(body, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        string operation, string model, IEnumerable<ChatMessage> messages, ChatOptions? options, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/model/{Uri.EscapeDataString(model)}/{operation}")
        {
            Content = new ByteArrayContent(ConverseRequestWriter.Write(messages, options, defaultMaxTokens, promptCacheMinTokens)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd(completion == HttpCompletionOption.ResponseHeadersRead ? EventStreamMediaType : "application/json");
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ModelCallException && IsFailure(e, cancellationToken))
        {
            throw new ModelCallException(ModelErrorKind.Transient, $"Bedrock {operation}: the request failed ({e.GetType().Name}): {e.Message}", inner: e);
        }
    }

    // The caller's own cancellation is not a failure of the model; everything else (I/O, timeouts, bad frames) is.
    private static bool IsFailure(Exception e, CancellationToken cancellationToken) =>
        e is not ModelCallException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
