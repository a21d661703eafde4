using Grains.Interfaces.Caching;
using Microsoft.Extensions.Options;
using Runtime;

namespace Grains.Caching;

/// <summary>One shard of the exact cache, in memory: TTL and an LRU byte cap (the shard's part of Cache:MaxBytes).</summary>
public sealed class CacheGrain : Grain, ICacheGrain
{
    private readonly LruStore<CachedAnswer> _store;

    public CacheGrain(IOptions<CacheOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        _store = new LruStore<CachedAnswer>(Math.Max(1024, settings.MaxBytes / settings.Shards), settings.Ttl, time, a => a.SizeBytes);
    }

    public Task<CachedAnswer?> Get(string key) => Task.FromResult(_store.TryGet(key, out var answer) ? answer : null);

    public Task Put(string key, CachedAnswer answer)
    {
        _store.Set(key, answer);
        return Task.CompletedTask;
    }

    public Task<int> Clear(string? tenant) => Task.FromResult(_store.RemoveWhere(a => tenant is null || a.Tenant == tenant));

    public Task<CacheShardStats> Stats() => Task.FromResult(new CacheShardStats(_store.Count, _store.Size, _store.Evictions, _store.Expirations));
}
