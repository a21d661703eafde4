namespace Grains.Interfaces.Caching;

public sealed record CacheShardStats(int Entries, long Bytes, long Evictions, long Expirations);
