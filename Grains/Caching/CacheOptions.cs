using System.ComponentModel.DataAnnotations;

namespace Grains.Caching;

/// <summary><c>Cache</c>: the response caches.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Memory the exact cache may hold across all shards; least recently used entries go first.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Cache grains the keys are spread over (placed across the cluster's silos).</summary>
    [Range(1, 4096)]
    public int Shards { get; set; } = 16;

    /// <summary>Entries each silo keeps in front of the shards; 0 turns the near-cache off.</summary>
    [Range(0, 1_000_000)]
    public int NearCacheEntries { get; set; } = 1024;

    /// <summary>How long a near-cache copy may be served; a clear reaches other silos' near-caches within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan NearCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests with a temperature above 0 ask for variety; they are cached only when this is set.</summary>
    public bool CacheNonZeroTemperature { get; set; }

    public SemanticCacheOptions Semantic { get; set; } = new();
}
