using Grains.Interfaces.Caching;

namespace Grains.Caching;

/// <summary>The result of a lookup: the answer on a hit, the key to store under on a miss, and the time it took.</summary>
public sealed record CacheLookup(CacheOutcome Outcome, CachedAnswer? Answer, string? Key, double? Score, double ElapsedMs, bool Store);
