using Silo.Observability;

namespace Silo.Api;

/// <summary>
/// What one route records on every request, made once per route: its tag, a stage window per entry of
/// <see cref="ApiMetrics.Stages"/>, and with the collector its stage and status series, resolved up front so that
/// a request records into them without a lookup.
/// </summary>
internal sealed class RouteMetrics
{
    // Statuses below this are kept in an array; any other is resolved per request (not a status HTTP sends).
    private const int KeptStatuses = 600;

    private readonly MetricFamily? _statusFamily;
    private readonly MetricSeries?[] _statuses;

    public RouteMetrics(string route, MetricFamily? stageFamily, MetricFamily? statusFamily)
    {
        RouteTag = new("route", route);
        Stages = [.. ApiMetrics.Stages.Select(_ => new StageWindow())];
        StageSeries = stageFamily is null ? null : [.. ApiMetrics.StageTags.Select(stage => stageFamily.Resolve([RouteTag, stage]))];
        _statusFamily = statusFamily;
        _statuses = statusFamily is null ? [] : new MetricSeries?[KeptStatuses];
    }

    public KeyValuePair<string, object?> RouteTag { get; }

    public StageWindow[] Stages { get; }

    /// <summary>The collector's series per stage, in the order of <see cref="ApiMetrics.Stages"/>; null without a collector.</summary>
    public MetricSeries[]? StageSeries { get; }

    /// <summary>The collector's request counter for this route and <paramref name="status"/>; null without a collector.</summary>
    public MetricSeries? StatusSeries(int status, object boxedStatus)
    {
        if (_statusFamily is null)
        {
            return null;
        }
        if ((uint)status >= (uint)_statuses.Length)
        {
            return _statusFamily.Resolve([RouteTag, new("status", boxedStatus)]);
        }
        // Two requests may resolve the same status at once: the family hands both the one series.
        return _statuses[status] ??= _statusFamily.Resolve([RouteTag, new("status", boxedStatus)]);
    }
}
