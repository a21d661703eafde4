using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grains.Interfaces.Sessions;
using Silo.Observability;

namespace Silo.Api;

/// <summary>
/// Per-stage timings and outcomes of every API request: exported as instruments (for /metrics and OTLP) and kept
/// for a recent window in memory (for the performance read-outs and the dashboard). Recording is on every
/// request's path, so it allocates nothing, records straight into the collector's series (seven measurements per
/// request, <see cref="MetricsCollector.TakeOver"/>), and skips the instruments when nothing else listens to them;
/// the read-outs do all the sorting and counting.
/// </summary>
internal sealed class ApiMetrics : IDisposable
{
    public const string MeterName = "Silo.Api";
    public const string StageDuration = "api.stage.duration";
    public const string Requests = "api.requests";

    public static readonly string[] Stages = ["admission", "cache", "ttft", "model", "persist", "total"];

    private const int Admission = 0, Cache = 1, Ttft = 2, Model = 3, Persist = 4, Total = 5;

    internal static readonly KeyValuePair<string, object?>[] StageTags = [.. Stages.Select(stage => new KeyValuePair<string, object?>("stage", stage))];
    private static readonly object[] BoxedStatuses = [.. Enumerable.Range(0, 600).Select(status => (object)status)];

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _stages;
    private readonly Counter<long> _requests;
    private readonly ConcurrentDictionary<string, RouteMetrics> _routes = new(StringComparer.Ordinal);
    private readonly StatusWindow _statuses = new();
    private readonly MetricFamily? _stageFamily;
    private readonly MetricFamily? _requestFamily;

    /// <param name="collector">The /metrics collector; none when telemetry is off.</param>
    public ApiMetrics(MetricsCollector? collector = null)
    {
        _stages = _meter.CreateHistogram<double>(StageDuration, "ms", "Time spent in each stage of an API request.");
        _requests = _meter.CreateCounter<long>(Requests, "{request}", "API requests by route and status.");
        _stageFamily = collector?.TakeOver(_stages);
        _requestFamily = collector?.TakeOver(_requests);
    }

    /// <summary>Whether requests are recorded straight into the collector's series (telemetry on).</summary>
    internal bool RecordsIntoCollector => _stageFamily is not null;

    public void Record(string route, StageTimings timings)
    {
        var windows = Route(route);
        // One clock read for the request: its stages end within microseconds of each other.
        var now = Stopwatch.GetTimestamp();
        Stage(windows, Admission, timings.AdmissionMs, now);
        Stage(windows, Cache, timings.CacheMs, now);
        if (timings.ModelTtftMs is { } ttft)
        {
            Stage(windows, Ttft, ttft, now);
        }
        Stage(windows, Model, timings.ModelMs, now);
        Stage(windows, Persist, timings.PersistenceMs, now);
        Stage(windows, Total, timings.TotalMs, now);
    }

    public void Count(string route, int status)
    {
        var boxed = (uint)status < BoxedStatuses.Length ? BoxedStatuses[status] : status;
        Route(route).Count(status, boxed);
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", boxed));
        }
        _statuses.Add(Stopwatch.GetTimestamp(), status);
    }

    /// <summary>Stage percentiles over the last <paramref name="window"/>, all routes together.</summary>
    public IReadOnlyDictionary<string, Percentiles> StagesSince(TimeSpan window)
    {
        var from = Since(window);
        var routes = _routes.Values.ToArray();
        // Pooled: the samples of a busy window are large enough for the large object heap, once per poll.
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, routes.Sum(r => r.Stages[0].Capacity)));
        try
        {
            var result = new Dictionary<string, Percentiles>(Stages.Length, StringComparer.Ordinal);
            for (var stage = 0; stage < Stages.Length; stage++)
            {
                var count = 0;
                foreach (var route in routes)
                {
                    count += route.Stages[stage].CopySince(from, buffer.AsSpan(count));
                }
                buffer.AsSpan(0, count).Sort();
                result[Stages[stage]] = StageWindow.Summarize(new ArraySegment<double>(buffer, 0, count));
            }
            return result;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Requests answered in the last <paramref name="window"/>, by outcome.</summary>
    public RequestCounts RequestsSince(TimeSpan window) => _statuses.CountSince(Since(window));

    public void Dispose() => _meter.Dispose();

    private static long Since(TimeSpan window) => Stopwatch.GetTimestamp() - (long)(window.TotalSeconds * Stopwatch.Frequency);

    private RouteMetrics Route(string route) =>
        _routes.GetOrAdd(route, static (route, families) => new RouteMetrics(route, families.Stages, families.Requests), (Stages: _stageFamily, Requests: _requestFamily));

    private void Stage(RouteMetrics route, int stage, double milliseconds, long now)
    {
        route.Observe(stage, milliseconds);
        if (_stages.Enabled)
        {
            _stages.Record(milliseconds, route.RouteTag, StageTags[stage]);
        }
        route.Stages[stage].Add(now, milliseconds);
    }
}
