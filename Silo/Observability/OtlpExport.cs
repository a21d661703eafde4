using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Silo.Observability;

/// <summary>
/// Pushes the project's metrics and traces to an OTLP collector when <c>Telemetry:Otlp:Endpoint</c> is set. The
/// providers are built by hand (OpenTelemetry.Extensions.Hosting cannot be restored here) and disposed when the
/// host stops, which flushes what is still buffered.
/// </summary>
internal sealed class OtlpExport(IOptions<TelemetryOptions> options) : IHostedService, IDisposable
{
    private MeterProvider? _meters;
    private TracerProvider? _traces;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var telemetry = options.Value;
        var otlp = telemetry.Otlp;
        if (string.IsNullOrWhiteSpace(otlp.Endpoint))
        {
            return Task.CompletedTask;
        }
        var endpoint = new Uri(otlp.Endpoint, UriKind.Absolute);
        var http = otlp.Protocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase);
        var resource = ResourceBuilder.CreateDefault().AddService(telemetry.ServiceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId);
        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(TelemetrySources.Meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, endpoint, http, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)otlp.MetricsInterval.TotalMilliseconds;
            })
            .Build();
        _traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(TelemetrySources.ActivitySources)
            .AddOtlpExporter(exporter => Configure(exporter, endpoint, http, "v1/traces"))
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Disposing flushes: the last metrics and any finished spans still in the batch are sent now.
        Interlocked.Exchange(ref _meters, null)?.Dispose();
        Interlocked.Exchange(ref _traces, null)?.Dispose();
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, bool http, string signalPath)
    {
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // Set in code, the HTTP exporter posts to the endpoint as given; the signal's path is only added for the
        // environment variable. Add it here when the endpoint names just the collector (http://host:4318).
        exporter.Endpoint = http && endpoint.AbsolutePath is "/" or "" ? new Uri(endpoint, signalPath) : endpoint;
    }
}
