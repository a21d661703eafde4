using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Runtime.Transport;

/// <summary>
/// The caller's trace context (W3C traceparent and tracestate) and baggage on grain transport requests.
/// Written and read through <see cref="DistributedContextPropagator.Current"/> rather than formatted here: it is
/// what ASP.NET Core and HttpClient use in this process (W3C by default), so the transport speaks the same headers
/// with the same baggage escaping, and an application that installs another propagator gets it here too.
/// A call outside any activity writes nothing; reading one costs a header look-up.
/// </summary>
internal static class TraceContextHeaders
{
    private static readonly DistributedContextPropagator.PropagatorSetterCallback Setter =
        static (carrier, name, value) => ((HttpRequestHeaders)carrier!).TryAddWithoutValidation(name, value);

    private static readonly DistributedContextPropagator.PropagatorGetterCallback Getter =
        static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            var found = ((IHeaderDictionary)carrier!)[name];
            value = found.Count == 0 ? null : found.ToString();
        };

    /// <summary>Adds the current activity's context and baggage, if there is a current activity.</summary>
    public static void Write(HttpRequestHeaders headers)
    {
        if (Activity.Current is { } activity)
        {
            DistributedContextPropagator.Current.Inject(activity, headers, Setter);
        }
    }

    /// <summary>The caller's span, or default when the request carries no (valid) trace context.</summary>
    public static ActivityContext Read(IHeaderDictionary headers, out IEnumerable<KeyValuePair<string, string?>>? baggage)
    {
        var propagator = DistributedContextPropagator.Current;
        propagator.ExtractTraceIdAndState(headers, Getter, out var traceParent, out var traceState);
        if (traceParent is null || !ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var caller))
        {
            baggage = null;
            return default;
        }
        baggage = propagator.ExtractBaggage(headers, Getter);
        return caller;
    }

    /// <summary>
    /// For a relayed call: the caller's headers as they came, so the owner's span is the caller's child and the
    /// relay, which only moves bytes, adds no span of its own.
    /// </summary>
    public static void Copy(IHeaderDictionary from, HttpRequestHeaders to)
    {
        foreach (var name in DistributedContextPropagator.Current.Fields)
        {
            if (from.TryGetValue(name, out var values))
            {
                to.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }
}
