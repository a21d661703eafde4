namespace Silo.Observability;

/// <summary>
/// <c>Telemetry:CloudWatch</c>: publish this silo's active sessions as a CloudWatch metric, in the embedded metric
/// format on standard output (ECS's awslogs driver sends it to CloudWatch Logs, which turns it into the metric; no
/// API call and no permission needed). The dimensions name the ECS cluster and service the scaling policy watches.
/// </summary>
public sealed class CloudWatchMetricsOptions
{
    public bool Enabled { get; set; }

    public string Namespace { get; set; } = "LlmCluster";

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public string? ClusterName { get; set; }

    public string? ServiceName { get; set; }

    /// <summary>Why these settings cannot work, or null.</summary>
    public string? Problem() =>
        !Enabled ? null
        : string.IsNullOrWhiteSpace(ClusterName) || string.IsNullOrWhiteSpace(ServiceName) ? "Telemetry:CloudWatch:ClusterName and ServiceName are required when Telemetry:CloudWatch:Enabled is true."
        : string.IsNullOrWhiteSpace(Namespace) ? "Telemetry:CloudWatch:Namespace must not be empty."
        : Interval < TimeSpan.FromSeconds(1) ? "Telemetry:CloudWatch:Interval must be at least one second."
        : null;
}
