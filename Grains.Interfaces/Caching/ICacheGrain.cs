using Runtime;

namespace Grains.Interfaces.Caching;

/// <summary>One shard of the exact response cache: keys are spread over shards by hash, so over the cluster's silos.</summary>
public interface ICacheGrain : IGrainWithStringKey
{
    Task<CachedAnswer?> Get(string key);

    Task Put(string key, CachedAnswer answer);

    /// <summary>Removes every entry, or only <paramref name="tenant"/>'s; returns how many went.</summary>
    Task<int> Clear(string? tenant);

    Task<CacheShardStats> Stats();
}
