using System.Diagnostics.Metrics;
using Grains.Interfaces.Sessions;

namespace Silo.Api;

/// <summary>Per-stage timings of every API request, for the read-outs and /metrics.</summary>
public sealed class ApiMetrics : IDisposable
{
    public const string MeterName = "Silo.Api";
    public const string StageDuration = "api.stage.duration";
    public const string Requests = "api.requests";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _stages;
    private readonly Counter<long> _requests;

    public ApiMetrics()
    {
        _stages = _meter.CreateHistogram<double>(StageDuration, "ms", "Time spent in each stage of an API request.");
        _requests = _meter.CreateCounter<long>(Requests, "{request}", "API requests by route and status.");
    }

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

    public void Count(string route, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status));

    public void Dispose() => _meter.Dispose();

    private void Stage(string route, string stage, double milliseconds) =>
        _stages.Record(milliseconds, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("stage", stage));
}
