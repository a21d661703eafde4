using Grains.Interfaces.Models;

namespace Grains.Caching;

/// <summary>What the cache needs to know about a request. <see cref="ModelScope"/> is the model, or auto's routing class.</summary>
public sealed record CacheRequest(
    string Tenant,
    string ModelScope,
    IReadOnlyList<ChatTurn> Messages,
    int? MaxTokens,
    float? Temperature,
    float? TopP,
    IReadOnlyList<string>? Stop,
    bool NoLookup,
    bool NoStore,
    bool? Semantic);
