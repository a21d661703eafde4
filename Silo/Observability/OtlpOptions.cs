namespace Silo.Observability;

/// <summary><c>Telemetry:Otlp</c>: where to push metrics and traces; nothing is exported without an endpoint.</summary>
public sealed class OtlpOptions
{
    /// <summary>e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318</c> with Protocol <c>http/protobuf</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);
}
