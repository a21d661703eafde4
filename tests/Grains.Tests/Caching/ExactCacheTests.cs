using Grains.Caching;
using Grains.Interfaces.Caching;
using static Grains.Tests.Caching.CacheRequests;

namespace Grains.Tests.Caching;

/// <summary>The exact cache through <see cref="ResponseCache"/>: tenant scope, TTL, LRU byte cap, bypasses and clearing.</summary>
public sealed class ExactCacheTests
{
    [Fact]
    public async Task A_stored_answer_is_a_hit_for_its_tenant_and_a_miss_for_another()
    {
        await using var silo = await CacheSilo.StartAsync();
        var cache = silo.Cache;

        var first = await cache.LookupAndStoreAsync(Ask("tenant-a", "What is an actor?"), Answer("tenant-a", silo.Time.GetUtcNow(), "grains ", "and ", "messages"));
        var otherTenant = await cache.LookupAsync(Ask("tenant-b", "What is an actor?"));
        var sameTenant = await cache.LookupAsync(Ask("tenant-a", "What is an actor?"));

        Assert.Equal(CacheOutcome.Miss, first.Outcome);
        Assert.Equal(CacheOutcome.Miss, otherTenant.Outcome);
        Assert.Null(otherTenant.Answer);
        Assert.Equal(CacheOutcome.Hit, sameTenant.Outcome);
        Assert.Equal(["grains ", "and ", "messages"], sameTenant.Answer!.Chunks);
        Assert.NotEqual(CacheKey.Compute("tenant-a", Scope, Ask("tenant-a", "x").Messages, null, null, null, null),
            CacheKey.Compute("tenant-b", Scope, Ask("tenant-b", "x").Messages, null, null, null, null));
    }

    [Fact]
    public async Task Whitespace_does_not_change_the_key_but_any_parameter_does()
    {
        await using var silo = await CacheSilo.StartAsync();
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "What is  an actor?"), Answer("t", silo.Time.GetUtcNow()));

        Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("t", "  What is an\nactor? "))).Outcome);
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "What is an actor?", maxTokens: 50))).Outcome);
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "What is an actor?", system: "Answer in French."))).Outcome);
    }

    [Fact]
    public async Task An_entry_expires_after_the_ttl_near_copy_included()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Ttl"] = "00:01:00", ["NearCacheTtl"] = "00:00:05" });
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "ttl"), Answer("t", silo.Time.GetUtcNow()));

        silo.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("t", "ttl"))).Outcome);
        // That hit came from the shard and put a near copy in front of it; the copy must not outlive the entry.
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await cache.LookupAsync(Ask("t", "ttl"));

        Assert.Equal(CacheOutcome.Miss, expired.Outcome);
        Assert.True(expired.Store);
        var stats = await cache.StatsAsync(["t"]);
        Assert.Equal(0, stats.Entries);
        Assert.Equal(1, stats.Expirations);
    }

    [Fact]
    public async Task The_least_recently_used_entry_goes_first_when_the_byte_cap_is_reached()
    {
        // One shard of 1024 bytes, no near-cache: what the shard holds is what is served.
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["MaxBytes"] = "1024", ["Shards"] = "1", ["NearCacheEntries"] = "0" });
        var cache = silo.Cache;
        var now = silo.Time.GetUtcNow();
        var body = new string('x', 100);
        Assert.Equal(3, (int)(1024 / Answer("t", now, body).SizeBytes));

        foreach (var prompt in new[] { "one", "two", "three" })
        {
            await cache.LookupAndStoreAsync(Ask("t", prompt), Answer("t", now, body));
        }
        // "one" is used again, so "two" is now the least recently used.
        Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("t", "one"))).Outcome);
        await cache.LookupAndStoreAsync(Ask("t", "four"), Answer("t", now, body));

        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "two"))).Outcome);
        foreach (var kept in new[] { "one", "three", "four" })
        {
            Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("t", kept))).Outcome);
        }
        var stats = await cache.StatsAsync(["t"]);
        Assert.Equal(3, stats.Entries);
        Assert.Equal(1, stats.Evictions);
        Assert.True(stats.Bytes <= 1024, $"{stats.Bytes} bytes held");
    }

    [Fact]
    public async Task An_answer_larger_than_a_shard_is_not_stored_and_evicts_nothing()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["MaxBytes"] = "1024", ["Shards"] = "1", ["NearCacheEntries"] = "0" });
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "small"), Answer("t", silo.Time.GetUtcNow()));

        await cache.LookupAndStoreAsync(Ask("t", "huge"), Answer("t", silo.Time.GetUtcNow(), new string('x', 2000)));

        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "huge"))).Outcome);
        Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("t", "small"))).Outcome);
    }

    [Fact]
    public async Task The_shard_grain_expires_and_evicts_on_the_injected_clock()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Ttl"] = "00:00:30", ["MaxBytes"] = "1024", ["Shards"] = "1" });
        var shard = silo.Grains.GetGrain<ICacheGrain>("shard-0");
        var now = silo.Time.GetUtcNow();
        var big = Answer("t", now, new string('x', 200));

        await shard.Put("k1", big);
        silo.Time.Advance(TimeSpan.FromSeconds(10));
        await shard.Put("k2", big);
        silo.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Null(await shard.Get("k1"));
        Assert.NotNull(await shard.Get("k2"));
        await shard.Put("k3", big);
        await shard.Put("k4", big);
        Assert.Null(await shard.Get("k2"));
        Assert.Equal(new CacheShardStats(2, 2 * big.SizeBytes, 1, 1), await shard.Stats());
    }

    [Fact]
    public async Task A_near_copy_is_served_no_longer_than_the_near_cache_ttl_after_a_clear_elsewhere()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Ttl"] = "00:05:00", ["NearCacheTtl"] = "00:00:05" });
        var cache = silo.Cache;
        var request = Ask("t", "near");
        var stored = await cache.LookupAndStoreAsync(request, Answer("t", silo.Time.GetUtcNow()));
        // Another silo clears the shards; this silo's near copy does not hear of it.
        await silo.Grains.GetGrain<ICacheGrain>(CacheKey.Shard(stored.Key!, 16)).Clear(null);

        Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(request)).Outcome);
        silo.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(request)).Outcome);
        silo.Time.Advance(TimeSpan.FromSeconds(2));

        // Five seconds after the copy was made, however often it was served since.
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(request)).Outcome);
    }

    [Fact]
    public async Task A_clear_on_this_silo_empties_its_near_cache_at_once()
    {
        await using var silo = await CacheSilo.StartAsync();
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "near"), Answer("t", silo.Time.GetUtcNow()));

        await cache.ClearAsync("t", ["t"]);

        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "near"))).Outcome);
    }

    [Fact]
    public async Task A_tenant_clear_removes_only_that_tenants_entries_and_a_full_clear_removes_all()
    {
        await using var silo = await CacheSilo.StartAsync();
        var cache = silo.Cache;
        foreach (var tenant in new[] { "a", "b" })
        {
            await cache.LookupAndStoreAsync(Ask(tenant, "shared question", semantic: true), Answer(tenant, silo.Time.GetUtcNow()));
            await cache.LookupAndStoreAsync(Ask(tenant, "another question"), Answer(tenant, silo.Time.GetUtcNow()));
        }

        var removed = await cache.ClearAsync("a", ["a", "b"]);

        Assert.Equal(3, removed); // two exact entries and one semantic entry
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("a", "shared question", semantic: true))).Outcome);
        Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("b", "shared question"))).Outcome);
        Assert.Equal(CacheOutcome.SemanticHit, (await cache.LookupAsync(Ask("b", "the shared question, please", semantic: true))).Outcome);

        Assert.Equal(3, await cache.ClearAsync(null, ["a", "b"]));
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("b", "another question"))).Outcome);
        Assert.Equal(0, (await cache.StatsAsync(["a", "b"])).Entries);
    }

    [Fact]
    public async Task No_cache_skips_the_lookup_but_stores_and_no_store_looks_up_but_does_not_store()
    {
        await using var silo = await CacheSilo.StartAsync();
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "stored"), Answer("t", silo.Time.GetUtcNow(), "old"));

        var noCache = await cache.LookupAsync(Ask("t", "stored", noLookup: true));
        Assert.Equal(CacheOutcome.Bypass, noCache.Outcome);
        Assert.Null(noCache.Answer);
        Assert.True(noCache.Store);
        await cache.StoreAsync(Ask("t", "stored", noLookup: true), noCache.Key!, Answer("t", silo.Time.GetUtcNow(), "fresh"));
        Assert.Equal(["fresh"], (await cache.LookupAsync(Ask("t", "stored"))).Answer!.Chunks);

        var noStoreHit = await cache.LookupAsync(Ask("t", "stored", noStore: true));
        Assert.Equal(CacheOutcome.Hit, noStoreHit.Outcome);
        var noStoreMiss = await cache.LookupAsync(Ask("t", "never stored", noStore: true));
        Assert.Equal(CacheOutcome.Miss, noStoreMiss.Outcome);
        Assert.False(noStoreMiss.Store);

        var both = await cache.LookupAsync(Ask("t", "stored", noLookup: true, noStore: true));
        Assert.Equal(CacheOutcome.Bypass, both.Outcome);
        Assert.False(both.Store);
    }

    [Fact]
    public async Task A_non_zero_temperature_bypasses_the_cache_unless_configured()
    {
        await using (var silo = await CacheSilo.StartAsync())
        {
            var cache = silo.Cache;
            var warm = await cache.LookupAndStoreAsync(Ask("t", "vary", temperature: 0.7f), Answer("t", silo.Time.GetUtcNow()));
            Assert.Equal(CacheOutcome.Bypass, warm.Outcome);
            Assert.False(warm.Store);
            Assert.Equal(CacheOutcome.Bypass, (await cache.LookupAsync(Ask("t", "vary", temperature: 0.7f))).Outcome);
            await cache.LookupAndStoreAsync(Ask("t", "vary", temperature: 0f), Answer("t", silo.Time.GetUtcNow()));
            Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("t", "vary", temperature: 0f))).Outcome);
            Assert.Equal(2, (await cache.StatsAsync(["t"])).Bypasses);
        }
        await using (var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["CacheNonZeroTemperature"] = "true" }))
        {
            var cache = silo.Cache;
            Assert.Equal(CacheOutcome.Miss, (await cache.LookupAndStoreAsync(Ask("t", "vary", temperature: 0.7f), Answer("t", silo.Time.GetUtcNow()))).Outcome);
            Assert.Equal(CacheOutcome.Hit, (await cache.LookupAsync(Ask("t", "vary", temperature: 0.7f))).Outcome);
            Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "vary", temperature: 0.9f))).Outcome);
        }
    }

    [Fact]
    public async Task A_disabled_cache_bypasses_everything()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Enabled"] = "false" });
        var cache = silo.Cache;

        await cache.LookupAndStoreAsync(Ask("t", "off"), Answer("t", silo.Time.GetUtcNow()));

        Assert.Equal(CacheOutcome.Bypass, (await cache.LookupAsync(Ask("t", "off"))).Outcome);
        Assert.Equal(0, (await cache.StatsAsync(["t"])).Entries);
    }

    [Fact]
    public async Task Stats_count_outcomes_and_hit_latency()
    {
        await using var silo = await CacheSilo.StartAsync();
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "q"), Answer("t", silo.Time.GetUtcNow()));
        await cache.LookupAsync(Ask("t", "q"));
        await cache.LookupAsync(Ask("t", "q"));
        await cache.LookupAsync(Ask("t", "q", noLookup: true));

        var stats = await cache.StatsAsync(["t"]);

        Assert.Equal((2, 1, 0, 1), (stats.Hits, stats.Misses, stats.SemanticHits, stats.Bypasses));
        Assert.Equal(2.0 / 3, stats.HitRate, 6);
        Assert.NotNull(stats.HitLatencyP50Ms);
        Assert.True(stats.HitLatencyP99Ms >= stats.HitLatencyP50Ms);
        Assert.Equal(1, stats.Entries);
    }
}
