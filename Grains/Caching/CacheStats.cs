namespace Grains.Caching;

/// <summary>The cache read-out: size, outcomes since start, hit latency and evictions.</summary>
public sealed record CacheStats(
    int Entries,
    long Bytes,
    long Hits,
    long Misses,
    long SemanticHits,
    long Bypasses,
    double HitRate,
    double? HitLatencyP50Ms,
    double? HitLatencyP99Ms,
    long Evictions,
    long Expirations,
    int SemanticEntries);
