using System.Diagnostics;

namespace Silo.Observability;

/// <summary>
/// The request id of an HTTP request (ASP.NET Core's <see cref="HttpContext.TraceIdentifier"/>, the RequestId of
/// its request log scope) as W3C baggage on the request's activity. Baggage is inherited by every activity the
/// request leads to, grain turns included, and the grain transport carries it to other silos; with baggage in the
/// log scopes, every log record written for the request, in any silo, carries its RequestId. A logging scope would
/// not do: queued grain turns and other silos do not run in the request's execution context.
/// </summary>
internal static class RequestIdBaggage
{
    public const string Key = "RequestId";

    /// <summary>Before the endpoints, so everything they call sees the baggage.</summary>
    public static IApplicationBuilder UseRequestIdBaggage(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            // The request's activity exists whenever ASP.NET Core logs or is traced, which is always for a silo.
            // Set, not added: a client's own RequestId baggage must not stand for this request's.
            Activity.Current?.SetBaggage(Key, context.TraceIdentifier);
            return next(context);
        });

    /// <summary>Adds baggage to the activity fields (span, trace and parent ids by default) of log scopes.</summary>
    public static ILoggingBuilder AddBaggageToLogScopes(this ILoggingBuilder logging) =>
        logging.Configure(options => options.ActivityTrackingOptions |= ActivityTrackingOptions.Baggage);
}
