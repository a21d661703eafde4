namespace Grains.Interfaces.Caching;

/// <summary>A stored answer, kept as the chunks it streamed in so a streaming hit replays them as chunks.</summary>
public sealed record CachedAnswer(
    string Tenant,
    string Model,
    IReadOnlyList<string> Chunks,
    int InputTokens,
    int OutputTokens,
    string FinishReason,
    DateTimeOffset CreatedAt)
{
    /// <summary>Approximate memory held, for the cache's byte cap.</summary>
    public long SizeBytes => 64 + 2L * (Tenant.Length + Model.Length + FinishReason.Length) + Chunks.Sum(c => 24 + 2L * c.Length);
}
