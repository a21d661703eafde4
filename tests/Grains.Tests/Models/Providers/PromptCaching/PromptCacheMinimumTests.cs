using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.PromptCaching;

public sealed class PromptCacheMinimumTests
{
    [Theory]
    [InlineData("anthropic", "claude-sonnet-4-5", 1024)]
    [InlineData("anthropic", "claude-opus-4-1-20250805", 1024)]
    [InlineData("anthropic", "claude-3-5-haiku-latest", 2048)]
    [InlineData("anthropic", "claude-haiku-4-5", 2048)]
    [InlineData("bedrock-anthropic", "us.anthropic.claude-3-7-sonnet-20250219-v1:0", 1024)]
    [InlineData("bedrock-anthropic", "anthropic.claude-3-haiku-20240307-v1:0", 2048)]
    [InlineData("bedrock-converse", "amazon.nova-pro-v1:0", 1000)]
    [InlineData("bedrock-converse", "anthropic.claude-3-5-haiku-20241022-v1:0", 2048)]
    [InlineData("bedrock-converse", "meta.llama3-70b-instruct-v1:0", 0)]
    [InlineData("bedrock-converse", "mistral.mistral-large-2402-v1:0", 0)]
    [InlineData("openai", "gpt-4o-mini", 0)]
    [InlineData("simulated", "claude-lookalike", 0)]
    public void The_default_follows_the_provider_and_model_name(string provider, string model, int expected) =>
        Assert.Equal(expected, PromptCacheMinimum.Resolve(provider, model, configured: null));

    [Fact]
    public void A_configured_minimum_wins_and_0_means_never()
    {
        Assert.Equal(4096, PromptCacheMinimum.Resolve("anthropic", "claude-opus-4-5", 4096));
        Assert.Equal(0, PromptCacheMinimum.Resolve("anthropic", "claude-sonnet-4-5", 0));
        Assert.False(PromptCacheSize.Reaches(100_000, 0));
        Assert.True(PromptCacheSize.Reaches(1024, 1024));
        Assert.False(PromptCacheSize.Reaches(1023, 1024));
    }

    [Fact]
    public void Tool_size_counts_name_description_and_parameter_schema()
    {
        var bare = AIFunctionFactory.Create(() => 1, "f");
        var described = AIFunctionFactory.Create((string city, int days) => "", "forecast", PromptTexts.Long);

        Assert.True(PromptCacheSize.OfTools([bare]) > 0);
        Assert.True(PromptCacheSize.OfTools([described]) > PromptCacheSize.OfTexts([PromptTexts.Long]));
        Assert.Equal(0, PromptCacheSize.OfTools(null));
    }
}
