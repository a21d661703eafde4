using System.Runtime.CompilerServices;
using System.Text;
using Grains.Diagnostics;
using Grains.Interfaces.Models;
using Grains.Models.Budgets;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.PromptCaching;
using Grains.Models.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runtime;

namespace Grains.Models;

/// <summary>
/// Serves one request end to end: route, admit (model grains hold budgets and circuits), stream from the
/// provider, and recover. Throttling moves to a fallback model (or waits the retry-after when there is none);
/// transient errors are retried with full-jitter backoff; permanent errors are not retried. A stream that
/// breaks after tokens were sent continues on a fallback model from the partial answer (sent as an assistant
/// prefix), so the caller sees one uninterrupted answer.
/// </summary>
public sealed partial class ModelGateway(
    IGrainFactory grains,
    ModelCatalog catalog,
    ModelBudgetSlices slices,
    ModelRouter router,
    IOptions<RetryOptions> retryOptions,
    TimeProvider time,
    ILogger<ModelGateway> logger)
{
    private readonly FullJitterBackoff _backoff = new(retryOptions.Value, new Random());

    public async Task<ModelCallResult> CompleteAsync(ModelCallRequest request, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        await foreach (var update in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (update.Summary is { } summary)
            {
                return new ModelCallResult(text.ToString(), summary);
            }
            text.Append(update.Text);
        }
        throw new InvalidOperationException("The model stream ended without a summary.");
    }

    public async IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelCallRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var retry = retryOptions.Value;
        var plan = router.Plan(request);
        var candidates = plan.Candidates.ToList();
        var started = time.GetTimestamp();
        var deadline = time.GetUtcNow() + (request.QueueTimeout ?? retry.QueueTimeout);
        var inputTokens = TokenEstimator.Estimate(request.Messages);
        var partial = new StringBuilder();
        var tried = new List<string>();
        double admissionMs = 0;
        double? firstTokenMs = null;
        var outputTokens = 0;
        var failures = 0;

        while (true)
        {
            var admitStarted = time.GetTimestamp();
            var ticket = await AdmitAsync(candidates, request, inputTokens, deadline, cancellationToken).ConfigureAwait(false);
            admissionMs += time.GetElapsedTime(admitStarted).TotalMilliseconds;
            var model = ticket.Model;
            tried.Add(model);
            var options = catalog.Get(model);
            var chatOptions = new ChatOptions
            {
                MaxOutputTokens = Math.Max(1, (request.MaxTokens ?? options.DefaultMaxTokens) - outputTokens),
                Temperature = request.Temperature,
                TopP = request.TopP,
                StopSequences = request.Stop?.ToList(),
                ModelId = options.Model ?? model,
            };
            IReadOnlyList<ChatMessage> messages = partial.Length == 0
                ? request.Messages
                : [.. request.Messages, new ChatMessage(ChatRole.Assistant, partial.ToString())];

            var callStarted = time.GetTimestamp();
            double? callFirstTokenMs = null;
            UsageDetails? usage = null;
            string? finishReason = null;
            ModelCallException? failure = null;
            var reported = false;
            try
            {
                var stream = catalog.GetClient(model).GetStreamingResponseAsync(messages, chatOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (stream.ConfigureAwait(false))
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
                        catch (ModelCallException exception)
                        {
                            failure = exception;
                            break;
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            reported = true;
                            // The provider has the prompt and bills what it sent before the cancellation.
                            await ReportAsync(ticket, CallOutcome.Cancelled, inputTokens + outputTokens, callStarted, callFirstTokenMs).ConfigureAwait(false);
                            throw;
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            // A provider that leaks a raw error: treat it as transient rather than fail the request outright.
                            failure = new ModelCallException(ModelErrorKind.Transient, exception.Message, inner: exception);
                            break;
                        }
                        var update = stream.Current;
                        usage = UsageOf(update) ?? usage;
                        finishReason = update.FinishReason?.Value ?? finishReason;
                        if (string.IsNullOrEmpty(update.Text))
                        {
                            continue;
                        }
                        callFirstTokenMs ??= time.GetElapsedTime(callStarted).TotalMilliseconds;
                        firstTokenMs ??= time.GetElapsedTime(started).TotalMilliseconds;
                        partial.Append(update.Text);
                        outputTokens++;
                        yield return ModelStreamEvent.Token(update.Text, model);
                    }
                }

                if (failure is null)
                {
                    var used = (int)(usage?.TotalTokenCount ?? inputTokens + outputTokens);
                    var cacheRead = PromptCacheUsage.ReadTokens(usage);
                    var cacheWrite = PromptCacheUsage.WriteTokens(usage);
                    reported = true;
                    await ReportAsync(ticket, CallOutcome.Success, used, callStarted, callFirstTokenMs, cacheRead, cacheWrite).ConfigureAwait(false);
                    yield return ModelStreamEvent.Completed(new ModelCallSummary(
                        model, tried, tried.Count, (int)(usage?.InputTokenCount ?? inputTokens), outputTokens, admissionMs,
                        firstTokenMs, time.GetElapsedTime(started).TotalMilliseconds, plan.RoutingClass, finishReason ?? "stop",
                        (int)cacheRead, (int)cacheWrite));
                    yield break;
                }

                reported = true;
                await ReportAsync(ticket, OutcomeOf(failure), inputTokens + outputTokens, callStarted, callFirstTokenMs).ConfigureAwait(false);
            }
            finally
            {
                // A consumer that stops reading mid-answer ends the attempt as a cancellation would: its admission
                // is returned (a concurrency place, a slice's call) and the call is measured, with the tokens spent.
                if (!reported)
                {
                    await ReportAsync(ticket, CallOutcome.Cancelled, inputTokens + outputTokens, callStarted, callFirstTokenMs).ConfigureAwait(false);
                }
            }

            failures++;
            LogAttemptFailed(logger, model, failure.Kind, failures, failure.Message);
            if (failure.Kind == ModelErrorKind.Permanent || failures >= retry.MaxAttempts)
            {
                throw failure;
            }
            // Throttled, or broken after tokens were sent: another model is the quickest way on.
            var moveOn = candidates.Count > 1 && (failure.Kind == ModelErrorKind.Throttled || partial.Length > 0);
            if (moveOn)
            {
                ModelInstruments.Fallback(model, failure.Kind == ModelErrorKind.Throttled ? "throttled" : "mid_stream");
                candidates.Remove(model);
                candidates.Add(model);
                continue;
            }
            ModelInstruments.Retry(model, failure.Kind == ModelErrorKind.Throttled ? "throttled" : "transient");
            await Task.Delay(_backoff.Delay(failures - 1, failure.RetryAfter), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first candidate with room now; if none has, wait in the queue of the first that could have room later.</summary>
    private async Task<AdmissionTicket> AdmitAsync(
        List<string> candidates, ModelCallRequest request, int inputTokens, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var reservation = inputTokens + (request.MaxTokens ?? catalog.Get(candidates[0]).DefaultMaxTokens);
        var denials = new List<(string Model, AdmissionResult Result)>();
        foreach (var candidate in candidates)
        {
            // Usually the silo's slice of the budget answers; the model grain is asked only when it cannot.
            var local = await slices.TryAdmitAsync(candidate, reservation, cancellationToken).ConfigureAwait(false);
            if (local.Ticket is { } ticket)
            {
                return ticket;
            }
            var result = local.Denied ?? await grains.GetGrain<IModelGrain>(candidate)
                .Admit(new AdmissionRequest(request.Tenant, reservation, request.Priority), cancellationToken).ConfigureAwait(false);
            if (result.Granted)
            {
                return AdmissionTicket.ForLease(candidate, reservation, result.LeaseId);
            }
            denials.Add((candidate, result));
        }
        var waitable = denials.FirstOrDefault(d => d.Result.Denial is AdmissionDenial.RequestBudget or AdmissionDenial.TokenBudget or AdmissionDenial.Concurrency);
        if (waitable.Model is null || deadline <= time.GetUtcNow())
        {
            var soonest = denials.Select(d => d.Result.RetryAfter).Where(r => r is not null).DefaultIfEmpty().Min();
            throw new ModelUnavailableException(
                $"No model can take the request now: {string.Join("; ", denials.Select(d => d.Result.Detail))}",
                waitable.Model is null ? denials[0].Result.Denial : waitable.Result.Denial, soonest);
        }
        var waited = await grains.GetGrain<IModelGrain>(waitable.Model)
            .Admit(new AdmissionRequest(request.Tenant, reservation, request.Priority, deadline), cancellationToken).ConfigureAwait(false);
        return waited.Granted
            ? AdmissionTicket.ForLease(waitable.Model, reservation, waited.LeaseId)
            : throw new ModelUnavailableException($"No budget became free in time: {waited.Detail}", waited.Denial, waitable.Result.RetryAfter);
    }

    private Task ReportAsync(AdmissionTicket ticket, CallOutcome outcome, int tokens, long callStarted, double? firstTokenMs,
        long cacheReadTokens = 0, long cacheWriteTokens = 0)
    {
        var latencyMs = time.GetElapsedTime(callStarted).TotalMilliseconds;
        ModelInstruments.RecordCall(ticket.Model, outcome, latencyMs, firstTokenMs);
        var report = new CompletionReport(ticket.LeaseId, outcome, tokens, latencyMs, firstTokenMs, cacheReadTokens, cacheWriteTokens);
        return ticket.Slice is not null
            ? slices.CompleteAsync(ticket, report)
            : grains.GetGrain<IModelGrain>(ticket.Model).Complete(report);
    }

    private static CallOutcome OutcomeOf(ModelCallException failure) => failure.Kind switch
    {
        ModelErrorKind.Throttled => CallOutcome.Throttled,
        ModelErrorKind.Transient => CallOutcome.TransientError,
        _ => CallOutcome.PermanentError,
    };

    private static UsageDetails? UsageOf(ChatResponseUpdate update)
    {
        // Indexed rather than OfType: this runs for every token, and an iterator per token is garbage per token.
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent usage)
            {
                return usage.Details;
            }
        }
        return null;
    }

    [LoggerMessage(4000, LogLevel.Information, "Call to {Model} failed ({Kind}, failure {Failures}): {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string model, ModelErrorKind kind, int failures, string reason);
}
