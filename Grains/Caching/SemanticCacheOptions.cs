using System.ComponentModel.DataAnnotations;

namespace Grains.Caching;

/// <summary><c>Cache:Semantic</c>: opt-in; a request may also switch it with <c>X-Cache-Semantic: on | off</c>.</summary>
public sealed class SemanticCacheOptions
{
    public bool Enabled { get; set; }

    /// <summary>Cosine similarity (0..1) a prompt needs to reuse an answer, on top of the meaning guard.</summary>
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.85;

    [Range(1, 1_000_000)]
    public int MaxEntriesPerScope { get; set; } = 1000;
}
