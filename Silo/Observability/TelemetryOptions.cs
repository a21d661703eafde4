namespace Silo.Observability;

/// <summary>
/// <c>Telemetry</c>: with <see cref="Enabled"/> false the silo runs no meter listener and no exporter, so instruments
/// cost nothing (the switch exists to measure what watching costs). OTLP export runs only when an endpoint is set.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public bool Enabled { get; set; } = true;

    /// <summary>The <c>service.name</c> of exported metrics and traces.</summary>
    public string ServiceName { get; set; } = "silo";

    public OtlpOptions Otlp { get; set; } = new();

    public CloudWatchMetricsOptions CloudWatch { get; set; } = new();
}
