using Runtime;

namespace Grains.Interfaces.Caching;

/// <summary>The semantic cache of one tenant (key: tenant); entries are scoped by model or routing class.</summary>
public interface ISemanticCacheGrain : IGrainWithStringKey
{
    Task<SemanticHit?> Find(string prompt, string scope, double threshold);

    Task Add(string prompt, string scope, CachedAnswer answer);

    Task<int> Clear();

    Task<int> Count();
}
