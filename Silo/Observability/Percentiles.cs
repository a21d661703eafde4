namespace Silo.Observability;

public sealed record Percentiles(int Count, double? P50, double? P90, double? P99);
