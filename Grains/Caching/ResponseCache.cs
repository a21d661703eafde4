using System.Diagnostics;
using Grains.Caching.Semantic;
using Grains.Diagnostics;
using Grains.Interfaces.Caching;
using Grains.Models.Statistics;
using Microsoft.Extensions.Options;
using Runtime;

namespace Grains.Caching;

/// <summary>
/// The silo's door to the response caches: a small near-cache in front of the exact cache's shards (cache grains
/// spread over the cluster), and the opt-in semantic cache. Hits skip admission and the model entirely.
/// </summary>
public sealed class ResponseCache
{
    private readonly IGrainFactory _grains;
    private readonly CacheOptions _options;
    private readonly TimeProvider _time;
    private readonly LruStore<CachedAnswer> _near;
    private readonly double[] _hitLatencies = new double[4096];
    private long _hits, _misses, _semanticHits, _bypasses, _hitSamples;

    public ResponseCache(IGrainFactory grains, IOptions<CacheOptions> options, TimeProvider time)
    {
        _grains = grains;
        _options = options.Value;
        _time = time;
        _near = new LruStore<CachedAnswer>(Math.Max(1, _options.NearCacheEntries), _options.NearCacheTtl, time, _ => 1);
    }

    public async ValueTask<CacheLookup> LookupAsync(CacheRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        if (!_options.Enabled || (request.Temperature is > 0 && !_options.CacheNonZeroTemperature))
        {
            Interlocked.Increment(ref _bypasses);
            CacheInstruments.RecordLookup(CacheOutcome.Bypass, 0);
            return new CacheLookup(CacheOutcome.Bypass, null, null, null, 0, Store: false);
        }
        var key = CacheKey.Compute(request.Tenant, request.ModelScope, request.Messages, request.MaxTokens, request.Temperature, request.TopP, request.Stop);
        if (request.NoLookup)
        {
            Interlocked.Increment(ref _bypasses);
            CacheInstruments.RecordLookup(CacheOutcome.Bypass, 0);
            return new CacheLookup(CacheOutcome.Bypass, null, key, null, 0, !request.NoStore);
        }
        var answer = NearGet(key);
        if (answer is null && await _grains.GetGrain<ICacheGrain>(CacheKey.Shard(key, _options.Shards)).Get(key) is { } stored)
        {
            // Only a copy fetched from the shard starts a new near-cache lifetime: refreshing it on every near hit
            // would keep serving an entry cleared elsewhere for as long as it stays popular.
            NearSet(key, stored);
            answer = stored;
        }
        if (answer is not null)
        {
            return Hit(CacheOutcome.Hit, answer, key, null, started);
        }
        if (SemanticEnabled(request) && LastUserPrompt(request) is { } prompt)
        {
            var semantic = await _grains.GetGrain<ISemanticCacheGrain>(request.Tenant).Find(prompt, SemanticScope(request), _options.Semantic.Threshold);
            if (semantic is not null)
            {
                return Hit(CacheOutcome.SemanticHit, semantic.Answer, key, semantic.Score, started);
            }
        }
        Interlocked.Increment(ref _misses);
        var missMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        CacheInstruments.RecordLookup(CacheOutcome.Miss, missMs);
        return new CacheLookup(CacheOutcome.Miss, null, key, null, missMs, !request.NoStore);
    }

    public async Task StoreAsync(CacheRequest request, string key, CachedAnswer answer)
    {
        NearSet(key, answer);
        await _grains.GetGrain<ICacheGrain>(CacheKey.Shard(key, _options.Shards)).Put(key, answer);
        if (SemanticEnabled(request) && LastUserPrompt(request) is { } prompt)
        {
            await _grains.GetGrain<ISemanticCacheGrain>(request.Tenant).Add(prompt, SemanticScope(request), answer);
        }
    }

    /// <summary>Clears one tenant's entries, or everything (<paramref name="tenant"/> null; <paramref name="tenants"/> lists the semantic caches).</summary>
    public async Task<int> ClearAsync(string? tenant, IEnumerable<string> tenants)
    {
        lock (_near)
        {
            _near.RemoveWhere(a => tenant is null || a.Tenant == tenant);
        }
        var shards = await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(i => _grains.GetGrain<ICacheGrain>($"shard-{i}").Clear(tenant)));
        var semantic = await Task.WhenAll((tenant is null ? tenants : [tenant]).Distinct().Select(t => _grains.GetGrain<ISemanticCacheGrain>(t).Clear()));
        return shards.Sum() + semantic.Sum();
    }

    public async Task<CacheStats> StatsAsync(IEnumerable<string> tenants)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, _options.Shards).Select(i => _grains.GetGrain<ICacheGrain>($"shard-{i}").Stats()));
        var semantic = await Task.WhenAll(tenants.Distinct().Select(t => _grains.GetGrain<ISemanticCacheGrain>(t).Count()));
        double[] latencies;
        lock (_hitLatencies)
        {
            latencies = [.. _hitLatencies.Take((int)Math.Min(_hitSamples, _hitLatencies.Length)).Order()];
        }
        var hits = Interlocked.Read(ref _hits) + Interlocked.Read(ref _semanticHits);
        var lookups = hits + Interlocked.Read(ref _misses);
        return new CacheStats(
            shards.Sum(s => s.Entries), shards.Sum(s => s.Bytes), Interlocked.Read(ref _hits), Interlocked.Read(ref _misses),
            Interlocked.Read(ref _semanticHits), Interlocked.Read(ref _bypasses), lookups == 0 ? 0 : (double)hits / lookups,
            Percentile.Of(latencies, 0.5), Percentile.Of(latencies, 0.99), shards.Sum(s => s.Evictions), shards.Sum(s => s.Expirations), semantic.Sum());
    }

    private CacheLookup Hit(CacheOutcome outcome, CachedAnswer answer, string key, double? score, long started)
    {
        Interlocked.Increment(ref outcome == CacheOutcome.Hit ? ref _hits : ref _semanticHits);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        CacheInstruments.RecordLookup(outcome, elapsed);
        lock (_hitLatencies)
        {
            _hitLatencies[_hitSamples++ % _hitLatencies.Length] = elapsed;
        }
        return new CacheLookup(outcome, answer, key, score, elapsed, Store: false);
    }

    private bool SemanticEnabled(CacheRequest request) => request.Semantic ?? _options.Semantic.Enabled;

    private static string? LastUserPrompt(CacheRequest request) =>
        // Only single-question prompts are matched by meaning: with history, the question depends on what came before.
        request.Messages.Count(m => m.Role != "system") == 1 ? request.Messages.LastOrDefault(m => m.Role == "user")?.Content : null;

    /// <summary>
    /// What a semantic match must share besides the question's meaning: the model scope, the system prompt and the
    /// parameters that shape the answer (the same question under another persona or max_tokens is another request).
    /// </summary>
    private static string SemanticScope(CacheRequest request) =>
        request.ModelScope + "\0" + CacheKey.Compute("", request.ModelScope, [.. request.Messages.Where(m => m.Role == "system")],
            request.MaxTokens, request.Temperature, request.TopP, request.Stop)[..16];

    private CachedAnswer? NearGet(string key)
    {
        if (_options.NearCacheEntries == 0)
        {
            return null;
        }
        lock (_near)
        {
            return _near.TryGet(key, out var answer) ? answer : null;
        }
    }

    private void NearSet(string key, CachedAnswer answer)
    {
        if (_options.NearCacheEntries == 0)
        {
            return;
        }
        lock (_near)
        {
            // Never serve a near copy longer than the entry itself lives.
            var remaining = answer.CreatedAt + _options.Ttl - _time.GetUtcNow();
            _near.Set(key, answer, remaining < _options.NearCacheTtl ? remaining : _options.NearCacheTtl);
        }
    }
}
