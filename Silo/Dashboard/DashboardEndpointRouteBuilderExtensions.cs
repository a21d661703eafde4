using System.Diagnostics;
using Grains.Diagnostics;
using Microsoft.Extensions.Options;
using Silo.Api;
using Silo.Observability;

namespace Silo.Dashboard;

internal static class DashboardEndpointRouteBuilderExtensions
{
    public const string DashboardPath = "/dashboard";

    // Short enough that the charts move with the load, long enough that a 1 s poll is not a sample of one.
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LatencyWindow = TimeSpan.FromSeconds(10);
    private static readonly DateTime ProcessStarted = StartTime();

    /// <summary>
    /// <c>GET /dashboard</c>. The page holds no data, so it is served without a key; everything it shows comes from
    /// the read-outs, which it calls with the key given as <c>?key=</c> or typed into the page.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DashboardPath, (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            // Everything is inline and the machine may have no internet: forbid any other origin outright.
            headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";
            headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(DashboardPage.Content, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary><c>/api/v1/dashboard/live</c> and <c>/api/v1/dashboard/jobs</c>: admin keys only.</summary>
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        var dashboard = api.MapGroup("/dashboard").AddEndpointFilter<AdminOnlyEndpointFilter>();
        dashboard.MapGet("/live", (ApiMetrics metrics, IOptions<TelemetryOptions> telemetry) => TypedResults.Ok(Live(metrics, telemetry.Value)));
        dashboard.MapGet("/jobs", () => TypedResults.Ok(new JobsReadout(JobInstruments.Running, JobInstruments.Accepted)));
        return api;
    }

    private static DateTime StartTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime;
    }

    private static LiveReadout Live(ApiMetrics metrics, TelemetryOptions telemetry)
    {
        var window = metrics.RequestsSince(PerformanceAnalyzer.Window);
        var recent = metrics.RequestsSince(RateWindow);
        var stages = metrics.StagesSince(LatencyWindow);
        // A silo younger than the rate window has not had the whole window to serve requests in.
        var seconds = Math.Clamp((DateTime.Now - ProcessStarted).TotalSeconds, 1, RateWindow.TotalSeconds);
        return new LiveReadout(
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            PerformanceAnalyzer.Window.TotalSeconds,
            window.Total,
            Math.Round(recent.Total / seconds, 2),
            recent.ErrorRate,
            recent.ThrottleRate,
            stages["total"],
            stages["ttft"],
            telemetry.Enabled);
    }
}
