using System.Diagnostics;
using Runtime.Membership;

namespace Runtime.Diagnostics;

/// <summary>
/// Spans of grain calls. A call that crosses silos gets a client span on the caller for each attempt over the
/// transport and a server span on the owner that continues the caller's trace; a call inside a silo gets one internal
/// span, the parent of whatever the grain's turn does (model calls, calls to other grains). Nothing is created when
/// nobody listens to the runtime's source.
/// </summary>
internal static class GrainCallActivities
{
    public const string HopsTag = "grain.hops";

    /// <summary>Null when nobody listens to the runtime's source; then the caller's own activity is what travels.</summary>
    public static Activity? StartClient(GrainId target, string method, SiloAddress silo)
    {
        // Implicit parent (Activity.Current), not its context: the span then links to the caller's activity object
        // and inherits its baggage, which is how the request id gets onto the wire.
        var activity = RuntimeInstruments.ActivitySource.StartActivity(RuntimeInstruments.GrainCallActivity, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, target, method);
            activity.SetTag("server.address", silo.Endpoint);
        }
        return activity;
    }

    /// <summary>A call to a grain on this silo, made from this silo's own code; null when nobody listens.</summary>
    public static Activity? StartLocal(GrainId target, string method) =>
        RuntimeInstruments.ActivitySource.HasListeners()
            ? Describe(RuntimeInstruments.ActivitySource.StartActivity(RuntimeInstruments.GrainCallActivity, ActivityKind.Internal), target, method, hops: 0)
            : null;

    /// <summary>
    /// The owner's span for a call. <paramref name="caller"/> is the caller's span from the request's trace context,
    /// default when it sent none; <paramref name="baggage"/> came with it.
    /// </summary>
    public static Activity? StartServer(GrainId target, string method, ActivityContext caller, IEnumerable<KeyValuePair<string, string?>>? baggage, int hops)
    {
        var source = RuntimeInstruments.ActivitySource;
        if (caller == default || Activity.Current?.TraceId == caller.TraceId)
        {
            // No caller context: a root span, for whoever listens. Or ASP.NET Core already continued the caller's
            // trace on this request (someone listens to its source): nest under its span, which holds the baggage.
            return Describe(source.StartActivity(RuntimeInstruments.GrainCallActivity, ActivityKind.Server), target, method, hops);
        }
        var activity = source.CreateActivity(RuntimeInstruments.GrainCallActivity, ActivityKind.Server, caller);
        var recorded = activity is not null;
        // Nobody records grain spans here, yet the caller's trace and baggage must reach what this call does (the
        // spans and logs of model calls): a bare activity carries them, at the cost of one object per traced call.
        activity ??= new Activity(RuntimeInstruments.GrainCallActivity).SetParentId(caller.TraceId, caller.SpanId, caller.TraceFlags);
        activity.TraceStateString ??= caller.TraceState;
        if (baggage is not null)
        {
            // The propagator hands baggage over reversed, so that adding each item in turn (AddBaggage puts it
            // first) restores the caller's order; order only matters for a key given twice.
            foreach (var (key, value) in baggage)
            {
                activity.AddBaggage(key, value);
            }
        }
        activity.Start();
        return recorded ? Describe(activity, target, method, hops) : activity;
    }

    /// <summary>Marks the span failed; a cancellation is the caller giving up, not the call failing, so it is not.</summary>
    public static void RecordFailure(Activity? activity, Exception exception)
    {
        if (activity is { IsAllDataRequested: true } && exception is not OperationCanceledException)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag("error.type", exception.GetType().FullName);
        }
    }

    private static Activity? Describe(Activity? activity, GrainId target, string method, int hops)
    {
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, target, method);
            if (hops > 0)
            {
                activity.SetTag(HopsTag, hops);
            }
        }
        return activity;
    }

    private static void Describe(Activity activity, GrainId target, string method)
    {
        activity.DisplayName = $"{target.Type}/{method}";
        activity.SetTag("rpc.system", "grain");
        activity.SetTag("rpc.service", target.Type);
        activity.SetTag("rpc.method", method);
    }
}
