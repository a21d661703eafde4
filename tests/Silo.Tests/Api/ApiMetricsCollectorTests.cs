using System.Diagnostics.Metrics;
using Grains.Interfaces.Sessions;
using Silo.Api;
using Silo.Observability;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Api;

/// <summary>
/// The API records its stages and statuses straight into the collector's series; the collector then stops listening
/// to those instruments, and other listeners (an OTLP exporter) still get the measurements through them.
/// </summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed class ApiMetricsCollectorTests
{
    private const string Route = "/v1/chat/completions";

    [Fact]
    public async Task A_request_reaches_the_collector_once_and_other_listeners_as_well()
    {
        using var collector = new MetricsCollector([ApiMetrics.MeterName]);
        await collector.StartAsync(CancellationToken.None);
        var elsewhere = 0;
        using var exporter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == ApiMetrics.StageDuration)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        exporter.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref elsewhere));
        exporter.Start();
        // Made after the collector started: it was listening to the new instruments before taking them over.
        using var metrics = new ApiMetrics(collector);

        metrics.Record(Route, new StageTimings(0.2, 0.3, 1, 2, 0.1, 3));
        metrics.Count(Route, 200);
        metrics.Count(Route, 200);
        metrics.Count(Route, 429);

        var families = collector.Collect().ToDictionary(f => f.Name);
        var stages = families["api_stage_duration_milliseconds"].Series;
        Assert.Equal(ApiMetrics.Stages.Length, stages.Count);
        Assert.All(stages, stage => Assert.Equal(1, stage.BucketCounts!.Sum()));
        Assert.Equal(3, stages.Single(s => s.Labels.Contains(new("stage", "total"))).Sum);
        Assert.Equal(ApiMetrics.Stages.Length, elsewhere);
        var requests = families["api_requests_total"].Series;
        Assert.Equal(2, requests.Single(s => s.Labels.Contains(new("status", "200"))).Value);
        Assert.Equal(1, requests.Single(s => s.Labels.Contains(new("status", "429"))).Value);
    }
}
