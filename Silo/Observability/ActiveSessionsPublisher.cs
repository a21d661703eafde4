using Grains.Interfaces.Sessions;
using Microsoft.Extensions.Options;
using Runtime.Diagnostics;

namespace Silo.Observability;

/// <summary>
/// Writes this silo's count of active session grains as the CloudWatch metric <c>ActiveSessions</c> every interval,
/// the per-silo figure the ECS service's session scaling policy averages.
/// </summary>
internal sealed class ActiveSessionsPublisher(SiloStatistics statistics, IOptions<TelemetryOptions> options, TimeProvider time, TextWriter output)
    : IHostedService, IDisposable
{
    public const string MetricName = "ActiveSessions";
    private static readonly string SessionGrainType = typeof(ISessionGrain).FullName!;
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.CloudWatch.Interval;
        _timer = time.CreateTimer(static state => ((ActiveSessionsPublisher)state!).Publish(), this, interval, interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    private void Publish()
    {
        var settings = options.Value.CloudWatch;
        var sessions = statistics.ActivationsByType().GetValueOrDefault(SessionGrainType);
        var line = EmbeddedMetricFormat.Line(
            settings.Namespace, [("ClusterName", settings.ClusterName!), ("ServiceName", settings.ServiceName!)], MetricName, "Count", sessions, time.GetUtcNow());
        // Console.Out is synchronized: the line goes out whole, never mixed with the console logger's.
        output.WriteLine(line);
        output.Flush();
    }
}
