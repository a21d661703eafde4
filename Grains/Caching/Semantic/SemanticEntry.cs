using Grains.Interfaces.Caching;

namespace Grains.Caching.Semantic;

internal sealed record SemanticEntry(string Prompt, string Scope, Dictionary<string, float>? Lexical, float[]? Embedding, CachedAnswer Answer);
