using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Grains.Caching;
using Grains.Interfaces.Caching;
using Grains.Interfaces.Models;
using Grains.Interfaces.Sessions;
using Grains.Models;
using Grains.Models.Routing;
using Runtime;
using Silo.Api.Errors;

namespace Silo.Api.OpenAi;

/// <summary>
/// Runs a chat request either statelessly through the model gateway, or, with a session id, through the
/// session grain that keeps the history (the request then only needs the new messages).
/// </summary>
internal sealed partial class ChatTurnRunner(ModelGateway gateway, ModelRouter router, ResponseCache cache, IGrainFactory grains, TimeProvider time)
{
    public static string? ValidSessionId(string? sessionId) =>
        sessionId is null ? null
        : SessionIdPattern().IsMatch(sessionId) ? sessionId
        : throw new ApiRequestException("A session id is 1 to 128 characters of letters, digits, '.', '_', ':' or '-'.", "session_id");

    /// <summary>Runs the turn; <paramref name="info"/> is filled in by the time the first piece arrives.</summary>
    public IAsyncEnumerable<TurnPiece> Run(ChatRequest request, string tenant, string? sessionId, CacheDirectives cacheDirectives, TurnInfo info, CancellationToken cancellationToken) =>
        sessionId is null ? RunStateless(request, tenant, cacheDirectives, info, cancellationToken) : RunInSession(request, tenant, sessionId, cancellationToken);

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

    private async IAsyncEnumerable<TurnPiece> RunStateless(
        ChatRequest request, string tenant, CacheDirectives directives, TurnInfo info, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
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
        var plan = router.Plan(call);
        var cacheRequest = new CacheRequest(tenant, plan.RoutingClass is { } routingClass ? $"auto:{routingClass}" : plan.Candidates[0],
            request.Messages, request.MaxTokens, request.Temperature, request.TopP, request.Stop, directives.NoLookup, directives.NoStore, directives.Semantic);
        var lookup = await cache.LookupAsync(cacheRequest);
        info.Cache = lookup.Outcome;
        info.CacheScore = lookup.Score;
        if (lookup.Answer is { } cached)
        {
            foreach (var chunk in cached.Chunks)
            {
                yield return new TurnPiece(chunk, null, null, null);
            }
            var total = time.GetElapsedTime(started).TotalMilliseconds;
            var hit = new ModelCallSummary(cached.Model, [], 0, cached.InputTokens, cached.OutputTokens, 0, lookup.ElapsedMs, total, plan.RoutingClass, cached.FinishReason);
            yield return new TurnPiece(null, hit, new StageTimings(0, lookup.ElapsedMs, null, 0, 0, total), null);
            yield break;
        }
        var chunks = new List<string>();
        await foreach (var update in gateway.StreamAsync(call, cancellationToken))
        {
            if (update.Summary is { } summary)
            {
                if (lookup.Store && lookup.Key is { } key)
                {
                    await cache.StoreAsync(cacheRequest, key, new CachedAnswer(tenant, summary.Model, chunks, summary.InputTokens, summary.OutputTokens, summary.FinishReason, time.GetUtcNow()));
                }
                var timings = new StageTimings(summary.AdmissionMs, lookup.ElapsedMs, summary.TimeToFirstTokenMs, summary.TotalMs - summary.AdmissionMs, 0,
                    time.GetElapsedTime(started).TotalMilliseconds);
                yield return new TurnPiece(null, summary, timings, null);
            }
            else
            {
                chunks.Add(update.Text!);
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
