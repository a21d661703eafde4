namespace Silo.Observability;

/// <summary>One metric family at collection time, named as Prometheus wants it (unit and <c>_total</c> included).</summary>
internal sealed record FamilySnapshot(string Name, string Help, MetricKind Kind, IReadOnlyList<double>? Bounds, IReadOnlyList<SeriesSnapshot> Series);
