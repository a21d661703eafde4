using Grains.Interfaces.Sessions;
using Microsoft.Extensions.Options;
using Runtime;
using Silo.Api.Auth;
using Silo.Api.Errors;
using Silo.Api.OpenAi;
using Silo.Api.Sse;

namespace Silo.Api.Sessions;

internal static class SessionsEndpointRouteBuilderExtensions
{
    private const string Route = "sessions.messages";

    /// <summary>
    /// The native session API: <c>POST /v1/sessions/{id}/messages</c> streams SSE events <c>token</c>, then
    /// <c>done</c> (once the turn is durable, with stage timings) or <c>error</c>; <c>GET</c> and <c>DELETE</c>
    /// on <c>/v1/sessions/{id}</c>. A tenant only ever sees its own sessions: others' are 404.
    /// </summary>
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/sessions/{id}/messages", SendAsync);
        v1.MapGet("/sessions/{id}", async Task<IResult> (string id, HttpContext context, IGrainFactory grains) =>
        {
            if (Invalid(id) is { } invalid)
            {
                return invalid;
            }
            var snapshot = await grains.GetGrain<ISessionGrain>(SessionKey.For(ApiCaller.Of(context).Tenant, id)).Get();
            return snapshot.Exists
                ? TypedResults.Ok(new { id, messages = snapshot.Messages.Select(m => new { role = m.Role, content = m.Content }) })
                : OpenAiErrors.NotFound($"No session '{id}'.", "session_not_found");
        });
        v1.MapDelete("/sessions/{id}", async Task<IResult> (string id, HttpContext context, IGrainFactory grains) =>
        {
            if (Invalid(id) is { } invalid)
            {
                return invalid;
            }
            return await grains.GetGrain<ISessionGrain>(SessionKey.For(ApiCaller.Of(context).Tenant, id)).Delete()
                ? TypedResults.NoContent()
                : OpenAiErrors.NotFound($"No session '{id}'.", "session_not_found");
        });
        return v1;
    }

    private static IResult? Invalid(string id)
    {
        try
        {
            ChatTurnRunner.ValidSessionId(id);
            return null;
        }
        catch (ApiRequestException exception)
        {
            return OpenAiErrors.BadRequest(exception.Message, "id");
        }
    }

    private static async Task<IResult> SendAsync(string id, HttpContext context, ChatTurnRunner runner, IOptions<ApiOptions> options, ApiMetrics metrics)
    {
        var cancellation = context.RequestAborted;
        IAsyncEnumerator<TurnPiece> pieces;
        bool hasPiece;
        try
        {
            ChatTurnRunner.ValidSessionId(id);
            using var body = await RequestBody.ReadJsonAsync(context, options.Value.MaxRequestBytes);
            var request = SessionMessageRequestParser.Parse(body.RootElement);
            pieces = runner.Run(request, ApiCaller.Of(context).Tenant, id, CacheDirectives.None, new TurnInfo(), cancellation).GetAsyncEnumerator(cancellation);
            hasPiece = await pieces.MoveNextAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            metrics.Count(Route, ApiErrorMapping.Map(exception).Status);
            return ApiErrorMapping.ToResult(exception, context);
        }
        await using (pieces)
        {
            ServerSentEvents.Start(context.Response);
            try
            {
                for (; hasPiece; hasPiece = await pieces.MoveNextAsync())
                {
                    var piece = pieces.Current;
                    if (piece.Summary is { } summary)
                    {
                        metrics.Record(Route, piece.Timings!);
                        metrics.Count(Route, StatusCodes.Status200OK);
                        var done = new SessionDoneEvent(summary.Model, summary.ModelsTried, summary.InputTokens, summary.OutputTokens, piece.MessageCount ?? 0, piece.Timings!);
                        await ServerSentEvents.WriteAsync(context.Response, "done", o => ServerSentEvents.WriteJson(o, done), cancellation);
                        break;
                    }
                    var token = new SessionTokenEvent(piece.Text!);
                    await ServerSentEvents.WriteAsync(context.Response, "token", o => ServerSentEvents.WriteJson(o, token), cancellation);
                }
            }
            catch (Exception exception) when (!cancellation.IsCancellationRequested)
            {
                var mapped = ApiErrorMapping.Map(exception);
                metrics.Count(Route, mapped.Status);
                await ServerSentEvents.WriteAsync(context.Response, "error", o => ServerSentEvents.WriteJson(o, mapped.Body), cancellation);
            }
        }
        return TypedResults.Empty;
    }
}
