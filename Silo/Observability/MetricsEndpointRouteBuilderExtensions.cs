namespace Silo.Observability;

internal static class MetricsEndpointRouteBuilderExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// <c>GET /metrics</c> in the Prometheus text format. Like /healthz it needs no API key: scrapers rarely carry
    /// one, and it shows figures, never tenants' data. With telemetry off it answers 404 and says why.
    /// </summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(MetricsPath, (IServiceProvider services) =>
            services.GetService<MetricsCollector>() is { } collector
                ? Results.Text(PrometheusWriter.Write(collector.Collect()), PrometheusWriter.ContentType)
                : Results.Text("Telemetry is off (Telemetry:Enabled=false): no metrics are collected.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .ExcludeFromDescription();
        return endpoints;
    }
}
