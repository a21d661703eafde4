using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Grains.Interfaces.Models;
using Grains.Interfaces.Sessions;
using Grains.Models;
using Runtime;
using Silo.Api.Errors;

namespace Silo.Api.OpenAi;

/// <summary>
/// Runs a chat request either statelessly through the model gateway, or, with a session id, through the
/// session grain that keeps the history (the request then only needs the new messages).
/// </summary>
internal sealed partial class ChatTurnRunner(ModelGateway gateway, IGrainFactory grains, TimeProvider time)
{
    public static string? ValidSessionId(string? sessionId) =>
        sessionId is null ? null
        : SessionIdPattern().IsMatch(sessionId) ? sessionId
        : throw new ApiRequestException("A session id is 1 to 128 characters of letters, digits, '.', '_', ':' or '-'.", "session_id");

    public IAsyncEnumerable<TurnPiece> Run(ChatRequest request, string tenant, string? sessionId, CancellationToken cancellationToken) =>
        sessionId is null ? RunStateless(request, tenant, cancellationToken) : RunInSession(request, tenant, sessionId, cancellationToken);

    /// <summary>
    /// With a session, the new messages are those after the last assistant message of the request: a client may
    /// send only its new message, or replay the whole conversation as OpenAI clients do, without duplicating it.
    /// </summary>
    public static IReadOnlyList<ChatTurn> NewMessages(IReadOnlyList<ChatTurn> messages)
    {
        var lastAssistant = messages.Select((m, i) => (m, i)).LastOrDefault(x => x.m.Role == "assistant").i;
        var start = messages.Any(m => m.Role == "assistant") ? lastAssistant + 1 : 0;
        var fresh = messages.Skip(start).ToList();
        return fresh.Count > 0 ? fresh : throw new ApiRequestException("The request ends with an assistant message; there is nothing new to answer.", "messages");
    }

    private async IAsyncEnumerable<TurnPiece> RunStateless(ChatRequest request, string tenant, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = new ModelCallRequest
        {
            Model = request.Model,
            Messages = [.. request.Messages.Select(m => new Microsoft.Extensions.AI.ChatMessage(new Microsoft.Extensions.AI.ChatRole(m.Role), m.Content))],
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Stop = request.Stop,
            HasTools = request.HasTools,
            Tenant = tenant,
            Priority = RequestPriority.Interactive,
        };
        var started = time.GetTimestamp();
        await foreach (var update in gateway.StreamAsync(call, cancellationToken))
        {
            if (update.Summary is { } summary)
            {
                var timings = new StageTimings(summary.AdmissionMs, 0, summary.TimeToFirstTokenMs, summary.TotalMs - summary.AdmissionMs, 0,
                    time.GetElapsedTime(started).TotalMilliseconds);
                yield return new TurnPiece(null, summary, timings, null);
            }
            else
            {
                yield return new TurnPiece(update.Text, null, null, null);
            }
        }
    }

    private async IAsyncEnumerable<TurnPiece> RunInSession(ChatRequest request, string tenant, string sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var turn = new SessionTurnRequest(request.Model, NewMessages(request.Messages), request.MaxTokens, request.Temperature, request.TopP, request.Stop);
        await foreach (var update in grains.GetGrain<ISessionGrain>(SessionKey.For(tenant, sessionId)).Send(turn, cancellationToken))
        {
            yield return update.Done is { } done
                ? new TurnPiece(null, done.Model, done.Timings, done.MessageCount)
                : new TurnPiece(update.Token, null, null, null);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SessionIdPattern();
}
