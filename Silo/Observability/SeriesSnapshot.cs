namespace Silo.Observability;

/// <summary>
/// One labelled series at collection time. Counters and gauges use <see cref="Value"/>; histograms use
/// <see cref="BucketCounts"/> (one per bound plus the overflow, not cumulative) and <see cref="Sum"/>.
/// </summary>
internal sealed record SeriesSnapshot(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long[]? BucketCounts, double Sum);
