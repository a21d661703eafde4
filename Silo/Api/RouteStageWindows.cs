using Silo.Observability;

namespace Silo.Api;

/// <summary>One route's stage windows, one per entry of <see cref="ApiMetrics.Stages"/>, and its tag, made once per route.</summary>
internal sealed class RouteStageWindows(string route)
{
    public KeyValuePair<string, object?> RouteTag { get; } = new("route", route);

    public StageWindow[] Stages { get; } = [.. ApiMetrics.Stages.Select(_ => new StageWindow())];
}
