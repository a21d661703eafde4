using System.Buffers;
using System.Text;
using Grains.Models;
using Microsoft.Extensions.Options;
using Silo.Api.Auth;
using Silo.Api.Errors;
using Silo.Api.Sse;

namespace Silo.Api.OpenAi;

internal static class OpenAiEndpointRouteBuilderExtensions
{
    private const string Route = "chat.completions";
    private static readonly byte[] Done = "[DONE]"u8.ToArray();

    /// <summary>OpenAI-compatible endpoints: any OpenAI SDK pointed at the silo works unchanged.</summary>
    public static RouteGroupBuilder MapOpenAiApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CompleteAsync);
        v1.MapGet("/models", (ModelCatalog catalog) => TypedResults.Ok(new
        {
            @object = "list",
            data = catalog.Ids.Append("auto").Select(id => new
            {
                id,
                @object = "model",
                created = 0,
                owned_by = id == "auto" ? "router" : catalog.Get(id).Provider,
            }),
        }));
        return v1;
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, ChatTurnRunner runner, IOptions<ApiOptions> options, ApiMetrics metrics)
    {
        var cancellation = context.RequestAborted;
        IAsyncEnumerator<TurnPiece> pieces;
        ChatRequest request;
        bool hasFirst;
        var info = new TurnInfo();
        try
        {
            using var body = await RequestBody.ReadJsonAsync(context, options.Value.MaxRequestBytes);
            request = ChatRequestParser.Parse(body.RootElement);
            var sessionId = ChatTurnRunner.ValidSessionId(context.Request.Headers["X-Session-Id"].FirstOrDefault());
            pieces = runner.Run(request, ApiCaller.Of(context).Tenant, sessionId, CacheDirectives.From(context.Request), info, cancellation).GetAsyncEnumerator(cancellation);
            // Errors before the first token (bad model, no budget) still get a proper status code.
            hasFirst = await pieces.MoveNextAsync();
            info.WriteHeaders(context.Response);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            var error = ApiErrorMapping.ToResult(exception, context);
            metrics.Count(Route, ApiErrorMapping.Map(exception).Status);
            return error;
        }
        await using (pieces)
        {
            var id = $"chatcmpl-{Guid.NewGuid():N}";
            var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            return request.Stream
                ? await StreamAsync(context, pieces, hasFirst, request, id, created, metrics)
                : await CollectAsync(context, pieces, hasFirst, id, created, metrics);
        }
    }

    private static async Task<IResult> CollectAsync(HttpContext context, IAsyncEnumerator<TurnPiece> pieces, bool hasPiece, string id, long created, ApiMetrics metrics)
    {
        var text = new StringBuilder();
        try
        {
            for (; hasPiece; hasPiece = await pieces.MoveNextAsync())
            {
                var piece = pieces.Current;
                if (piece.Summary is { } summary)
                {
                    metrics.Record(Route, piece.Timings!);
                    metrics.Count(Route, StatusCodes.Status200OK);
                    context.Response.Headers[ServerTiming.Header] = ServerTiming.Format(piece.Timings!);
                    return TypedResults.Bytes(ChatCompletionWriter.Completion(id, created, text.ToString(), summary, piece.Timings!), "application/json");
                }
                text.Append(piece.Text);
            }
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            metrics.Count(Route, ApiErrorMapping.Map(exception).Status);
            return ApiErrorMapping.ToResult(exception, context);
        }
        throw new InvalidOperationException("The answer ended without a summary.");
    }

    private static async Task<IResult> StreamAsync(
        HttpContext context, IAsyncEnumerator<TurnPiece> pieces, bool hasPiece, ChatRequest request, string id, long created, ApiMetrics metrics)
    {
        var response = context.Response;
        var cancellation = context.RequestAborted;
        ServerSentEvents.Start(response);
        var first = true;
        try
        {
            for (; hasPiece; hasPiece = await pieces.MoveNextAsync())
            {
                var piece = pieces.Current;
                if (piece.Summary is { } summary)
                {
                    metrics.Record(Route, piece.Timings!);
                    metrics.Count(Route, StatusCodes.Status200OK);
                    await ServerSentEvents.WriteAsync(response, null, o => ChatCompletionWriter.Chunk(o, id, created, summary.Model, null, first, summary.FinishReason), cancellation);
                    if (request.IncludeUsage)
                    {
                        await ServerSentEvents.WriteAsync(response, null, o => ChatCompletionWriter.UsageChunk(o, id, created, summary, piece.Timings!), cancellation);
                    }
                    break;
                }
                var isFirst = first;
                first = false;
                await ServerSentEvents.WriteAsync(response, null, o => ChatCompletionWriter.Chunk(o, id, created, request.Model, piece.Text, isFirst, null), cancellation);
            }
        }
        catch (Exception exception) when (!cancellation.IsCancellationRequested)
        {
            // Headers are gone: the error travels in the stream, in OpenAI's error shape.
            var mapped = ApiErrorMapping.Map(exception);
            metrics.Count(Route, mapped.Status);
            await ServerSentEvents.WriteAsync(response, null, o => ServerSentEvents.WriteJson(o, mapped.Body), cancellation);
        }
        await ServerSentEvents.WriteAsync(response, null, o => o.Write(Done), cancellation);
        return TypedResults.Empty;
    }
}
