using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grains.Interfaces.Sessions;
using Silo.Observability;

namespace Silo.Api;

/// <summary>
/// Per-stage timings and outcomes of every API request: exported as instruments (for /metrics and OTLP) and kept
/// for a recent window in memory (for the performance read-outs and the dashboard).
/// </summary>
public sealed class ApiMetrics : IDisposable
{
    public const string MeterName = "Silo.Api";
    public const string StageDuration = "api.stage.duration";
    public const string Requests = "api.requests";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _stages;
    private readonly Counter<long> _requests;
    private readonly ConcurrentDictionary<string, StageWindow> _windows = new(StringComparer.Ordinal);
    private readonly StageWindow _statuses = new(16384);

    public ApiMetrics()
    {
        _stages = _meter.CreateHistogram<double>(StageDuration, "ms", "Time spent in each stage of an API request.");
        _requests = _meter.CreateCounter<long>(Requests, "{request}", "API requests by route and status.");
    }

    public static readonly string[] Stages = ["admission", "cache", "ttft", "model", "persist", "total"];

    public void Record(string route, StageTimings timings)
    {
        Stage(route, "admission", timings.AdmissionMs);
        Stage(route, "cache", timings.CacheMs);
        if (timings.ModelTtftMs is { } ttft)
        {
            Stage(route, "ttft", ttft);
        }
        Stage(route, "model", timings.ModelMs);
        Stage(route, "persist", timings.PersistenceMs);
        Stage(route, "total", timings.TotalMs);
    }

    public void Count(string route, int status)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status));
        _statuses.Add(Stopwatch.GetTimestamp(), status);
    }

    /// <summary>Stage percentiles over the last <paramref name="window"/>, all routes together.</summary>
    public IReadOnlyDictionary<string, Percentiles> StagesSince(TimeSpan window)
    {
        var from = Stopwatch.GetTimestamp() - (long)(window.TotalSeconds * Stopwatch.Frequency);
        return Stages.ToDictionary(stage => stage, stage => StageWindow.Summarize(
            [.. _windows.Where(w => w.Key.EndsWith("/" + stage, StringComparison.Ordinal)).SelectMany(w => w.Value.Since(from)).Order()]));
    }

    /// <summary>HTTP statuses of the requests in the last <paramref name="window"/>.</summary>
    public double[] StatusesSince(TimeSpan window) =>
        _statuses.Since(Stopwatch.GetTimestamp() - (long)(window.TotalSeconds * Stopwatch.Frequency));

    public void Dispose() => _meter.Dispose();

    private void Stage(string route, string stage, double milliseconds)
    {
        _stages.Record(milliseconds, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("stage", stage));
        _windows.GetOrAdd($"{route}/{stage}", static _ => new StageWindow()).Add(Stopwatch.GetTimestamp(), milliseconds);
    }
}
