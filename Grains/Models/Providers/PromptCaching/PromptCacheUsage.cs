using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.PromptCaching;

/// <summary>
/// Where providers put prompt-cache figures in <see cref="UsageDetails"/>: tokens read from the cache in
/// <see cref="UsageDetails.CachedInputTokenCount"/>, tokens written to it in
/// <see cref="UsageDetails.AdditionalCounts"/> under the provider's own name.
/// </summary>
public static class PromptCacheUsage
{
    /// <summary>The Anthropic SDK's IChatClient reports <c>cache_creation_input_tokens</c> under this key.</summary>
    public const string AnthropicCacheWriteKey = "CacheCreationInputTokens";

    /// <summary>Bedrock Converse's <c>cacheWriteInputTokens</c>, as the Converse client reports it.</summary>
    public const string CacheWriteKey = "CacheWriteInputTokens";

    public static long ReadTokens(UsageDetails? usage) => Math.Max(0, usage?.CachedInputTokenCount ?? 0);

    public static long WriteTokens(UsageDetails? usage)
    {
        if (usage?.AdditionalCounts is not { } counts)
        {
            return 0;
        }
        long total = 0;
        foreach (var key in (ReadOnlySpan<string>)[CacheWriteKey, AnthropicCacheWriteKey])
        {
            if (counts.TryGetValue(key, out var value) && value > 0)
            {
                total += value;
            }
        }
        return total;
    }
}
