namespace Grains.Caching;

/// <summary>What the cache did for a request; sent back as the <c>X-Cache</c> header.</summary>
public enum CacheOutcome
{
    Miss,
    Hit,
    SemanticHit,
    Bypass,
}
