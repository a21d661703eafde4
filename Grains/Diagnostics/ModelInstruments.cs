using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grains.Interfaces.Models;

namespace Grains.Diagnostics;

/// <summary>
/// The model layer's meter and activity source. Names are public so exporters, the /metrics collector and tests
/// find them without string copies. Retries are repeats on the same model after a backoff; fallbacks are moves to
/// another model (throttled, or broken mid-stream); the two never count the same attempt.
/// </summary>
public static class ModelInstruments
{
    public const string MeterName = "Grains.Models";
    public const string ActivitySourceName = "Grains.Models";
    public const string CallActivity = "model.call";
    public const string CallDuration = "model.call.duration";
    public const string TimeToFirstToken = "model.time_to_first_token";
    public const string Throttles = "model.throttles";
    public const string CircuitTransitions = "model.circuit.transitions";
    public const string Retries = "model.retries";
    public const string Fallbacks = "model.fallbacks";
    public const string AdmissionDenials = "model.admission.denials";

    public static readonly Meter Meter = new(MeterName);
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private static readonly Histogram<double> CallDurationHistogram = Meter.CreateHistogram<double>(CallDuration, "ms", "Duration of one provider call (one attempt), by model and outcome.");
    private static readonly Histogram<double> TtftHistogram = Meter.CreateHistogram<double>(TimeToFirstToken, "ms", "Time from the start of a provider call to its first token, by model.");
    private static readonly Counter<long> ThrottleCounter = Meter.CreateCounter<long>(Throttles, "{call}", "Provider calls refused as throttled (429 or the provider's equivalent), by model.");
    private static readonly Counter<long> TransitionCounter = Meter.CreateCounter<long>(CircuitTransitions, "{transition}", "Circuit state changes, by model and the state entered.");
    private static readonly Counter<long> RetryCounter = Meter.CreateCounter<long>(Retries, "{retry}", "Attempts repeated on the same model after a backoff, by model and error kind.");
    private static readonly Counter<long> FallbackCounter = Meter.CreateCounter<long>(Fallbacks, "{fallback}", "Requests moved from a model to another one, by the model left and why.");
    private static readonly Counter<long> DenialCounter = Meter.CreateCounter<long>(AdmissionDenials, "{request}", "Admissions refused by a model grain (budget, concurrency, circuit), by model and reason.");

    /// <summary>
    /// One provider call, as a child of the current activity; null when nobody records traces. The parent is implicit
    /// rather than its context so that the call's activity inherits the caller's baggage (the request id): the logs
    /// written during the call and the provider request carry it.
    /// </summary>
    public static Activity? StartCall(string model)
    {
        var activity = ActivitySource.StartActivity(CallActivity, ActivityKind.Client);
        activity?.SetTag("gen_ai.request.model", model);
        return activity;
    }

    /// <summary>
    /// Records a finished attempt: its duration, time to first token, and a throttle if it was one. The gateway
    /// calls it with the figures it times each attempt by anyway, so measuring adds no clock reads.
    /// </summary>
    public static void RecordCall(string model, CallOutcome outcome, double durationMs, double? firstTokenMs)
    {
        var modelTag = new KeyValuePair<string, object?>("model", model);
        CallDurationHistogram.Record(durationMs, modelTag, new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)));
        if (firstTokenMs is { } ttft)
        {
            TtftHistogram.Record(ttft, modelTag);
        }
        if (outcome == CallOutcome.Throttled)
        {
            ThrottleCounter.Add(1, modelTag);
        }
    }

    /// <summary>Ends a call's activity with its outcome; an error status for failures other than a cancellation.</summary>
    public static void EndCall(Activity activity, CallOutcome outcome)
    {
        activity.SetTag("model.outcome", OutcomeName(outcome));
        if (outcome is not (CallOutcome.Success or CallOutcome.Cancelled))
        {
            activity.SetStatus(ActivityStatusCode.Error, OutcomeName(outcome));
        }
    }

    public static void Retry(string model, string kind) =>
        RetryCounter.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("kind", kind));

    public static void Fallback(string model, string reason) =>
        FallbackCounter.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("reason", reason));

    public static void CircuitTransition(string model, CircuitState from, CircuitState to) =>
        TransitionCounter.Add(1, new KeyValuePair<string, object?>("model", model),
            new KeyValuePair<string, object?>("from", StateName(from)), new KeyValuePair<string, object?>("to", StateName(to)));

    public static void AdmissionDenied(string model, AdmissionDenial reason) =>
        DenialCounter.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("reason", reason.ToString()));

    // Fixed strings rather than ToString() on the hot path: no allocation, and names stable if the enum is renamed.
    private static string OutcomeName(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Success => "success",
        CallOutcome.Throttled => "throttled",
        CallOutcome.TransientError => "transient_error",
        CallOutcome.PermanentError => "permanent_error",
        CallOutcome.Cancelled => "cancelled",
        _ => "other",
    };

    private static string StateName(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        _ => "other",
    };
}
