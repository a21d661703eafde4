using Silo.Observability;

namespace Silo.Api;

/// <summary>
/// What one route records on every request, made once per route: its tag, a stage window per entry of
/// <see cref="ApiMetrics.Stages"/>, and with the collector its stage and status series, resolved up front (statuses
/// on first use) so that a request records into them without a lookup.
/// </summary>
internal sealed class RouteMetrics
{
    // Statuses below this are kept in an array; any other is resolved per request (not a status HTTP sends).
    private const int KeptStatuses = 600;

    private readonly MetricFamily? _stageFamily;
    private readonly MetricSeries[] _stageSeries;
    private readonly MetricFamily? _statusFamily;
    private readonly MetricSeries?[] _statuses;

    public RouteMetrics(string route, MetricFamily? stageFamily, MetricFamily? statusFamily)
    {
        RouteTag = new("route", route);
        Stages = [.. ApiMetrics.Stages.Select(_ => new StageWindow())];
        _stageFamily = stageFamily;
        _stageSeries = stageFamily is null ? [] : [.. ApiMetrics.StageTags.Select(stage => stageFamily.Resolve([RouteTag, stage]))];
        _statusFamily = statusFamily;
        _statuses = statusFamily is null ? [] : new MetricSeries?[KeptStatuses];
    }

    public KeyValuePair<string, object?> RouteTag { get; }

    public StageWindow[] Stages { get; }

    /// <summary>Records a stage's duration into the collector's series; nothing without a collector.</summary>
    public void Observe(int stage, double milliseconds) => _stageFamily?.Record(_stageSeries[stage], milliseconds);

    /// <summary>Counts a request with <paramref name="status"/> in the collector's series; nothing without a collector.</summary>
    public void Count(int status, object boxedStatus)
    {
        if (_statusFamily is null)
        {
            return;
        }
        var series = (uint)status < (uint)_statuses.Length
            // Two requests may resolve the same status at once: the family hands both the one series.
            ? _statuses[status] ??= _statusFamily.Resolve([RouteTag, new("status", boxedStatus)])
            : _statusFamily.Resolve([RouteTag, new("status", boxedStatus)]);
        _statusFamily.Record(series, 1);
    }
}
