using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Caching;

/// <summary>
/// A fake embedding model: each word counts toward the concept it belongs to, so synonyms ("car", "automobile")
/// embed alike although they share no letters. It records every text it embedded.
/// </summary>
public sealed class ConceptEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly string[][] Concepts =
    [
        ["car", "automobile", "vehicle"],
        ["cost", "price", "much", "expensive"],
        ["new", "brand-new", "unused"],
        ["turn", "switch", "toggle"],
        ["dark", "night"],
        ["mode", "theme"],
    ];

    private readonly ConcurrentQueue<string> _inputs = new();

    public IReadOnlyList<string> Inputs => [.. _inputs];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            _inputs.Enqueue(value);
            var vector = new float[Concepts.Length];
            foreach (var word in value.ToLowerInvariant().Split([' ', '?', '.', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                for (var i = 0; i < Concepts.Length; i++)
                {
                    if (Concepts[i].Contains(word))
                    {
                        vector[i]++;
                    }
                }
            }
            embeddings.Add(new Embedding<float>(vector));
        }
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
