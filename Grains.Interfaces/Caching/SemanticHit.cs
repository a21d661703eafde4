namespace Grains.Interfaces.Caching;

/// <summary>A previous answer to a prompt close enough in wording and the same in meaning.</summary>
public sealed record SemanticHit(CachedAnswer Answer, double Score, string MatchedPrompt);
