using Grains.Interfaces.Caching;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Runtime;

namespace Grains.Caching.Semantic;

/// <summary>
/// One tenant's semantic cache. A prompt matches a stored one of the same model scope when their similarity
/// reaches the threshold and the <see cref="MeaningGuard"/> finds no difference in meaning. Similarity is lexical
/// (offline) unless an <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> is registered.
/// </summary>
public sealed class SemanticCacheGrain(
    IOptions<CacheOptions> options,
    TimeProvider time,
    IEmbeddingGenerator<string, Embedding<float>>? embeddings = null) : Grain, ISemanticCacheGrain
{
    private readonly LruStore<SemanticEntry> _entries = new(options.Value.Semantic.MaxEntriesPerScope, options.Value.Ttl, time, _ => 1);

    public async Task<SemanticHit?> Find(string prompt, string scope, double threshold)
    {
        var probe = await VectorsAsync(prompt);
        var candidates = new List<(SemanticEntry Entry, double Score)>();
        foreach (var entry in _entries.Values.Where(e => e.Scope == scope))
        {
            var score = probe.Embedding is not null && entry.Embedding is not null
                ? Cosine(probe.Embedding, entry.Embedding)
                : LexicalVectorizer.Cosine(probe.Lexical ?? LexicalVectorizer.Vectorize(prompt), entry.Lexical ?? LexicalVectorizer.Vectorize(entry.Prompt));
            if (score > 0 && score >= threshold)
            {
                candidates.Add((entry, score));
            }
        }
        // The closest entry the meaning guard accepts and that has not expired (the lookup also refreshes its place
        // in the LRU order); an expired closer entry must not hide a live one.
        foreach (var (entry, score) in candidates.OrderByDescending(c => c.Score))
        {
            if (MeaningGuard.Difference(prompt, entry.Prompt) is null && _entries.TryGet(Key(entry.Scope, entry.Prompt), out _))
            {
                return new SemanticHit(entry.Answer, Math.Round(score, 4), entry.Prompt);
            }
        }
        return null;
    }

    public async Task Add(string prompt, string scope, CachedAnswer answer)
    {
        var vectors = await VectorsAsync(prompt);
        _entries.Set(Key(scope, prompt), new SemanticEntry(prompt, scope, vectors.Lexical, vectors.Embedding, answer));
    }

    public Task<int> Clear() => Task.FromResult(_entries.RemoveWhere(_ => true));

    public Task<int> Count() => Task.FromResult(_entries.Count);

    private async Task<(Dictionary<string, float>? Lexical, float[]? Embedding)> VectorsAsync(string prompt)
    {
        if (embeddings is null)
        {
            return (LexicalVectorizer.Vectorize(prompt), null);
        }
        var generated = await embeddings.GenerateAsync([prompt]);
        return (null, generated[0].Vector.ToArray());
    }

    private static string Key(string scope, string prompt) => scope + "\0" + prompt;

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
