using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.PromptCaching;

public sealed class PromptCacheUsageTests
{
    [Fact]
    public void Reads_come_from_cached_input_tokens_and_writes_from_either_providers_count()
    {
        var anthropic = new UsageDetails
        {
            CachedInputTokenCount = 40,
            AdditionalCounts = new() { [PromptCacheUsage.AnthropicCacheWriteKey] = 1500, ["Other"] = 7 },
        };
        var converse = new UsageDetails { AdditionalCounts = new() { [PromptCacheUsage.CacheWriteKey] = 900 } };

        Assert.Equal((40L, 1500L), (PromptCacheUsage.ReadTokens(anthropic), PromptCacheUsage.WriteTokens(anthropic)));
        Assert.Equal((0L, 900L), (PromptCacheUsage.ReadTokens(converse), PromptCacheUsage.WriteTokens(converse)));
        Assert.Equal((0L, 0L), (PromptCacheUsage.ReadTokens(null), PromptCacheUsage.WriteTokens(new UsageDetails())));
    }
}
