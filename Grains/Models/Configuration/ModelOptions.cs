using System.ComponentModel.DataAnnotations;

namespace Grains.Models.Configuration;

/// <summary>
/// One model, configured under <c>Models:&lt;id&gt;</c>. <see cref="Provider"/> picks the implementation;
/// the simulated provider's knobs sit beside the real providers' endpoint and credentials.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>simulated | openai | anthropic | bedrock-anthropic | bedrock-converse</summary>
    [Required]
    public string Provider { get; set; } = "simulated";

    /// <summary>The provider's own model name (e.g. gpt-4o-mini, amazon.nova-lite-v1:0); defaults to the id.</summary>
    public string? Model { get; set; }

    /// <summary>Base URL for OpenAI-compatible, Anthropic or Bedrock endpoints (fakes in tests).</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key for openai/anthropic. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>AWS region for Bedrock providers.</summary>
    public string? Region { get; set; }

    /// <summary>How long resolved credentials are reused before they are fetched again.</summary>
    public TimeSpan CredentialTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>"small" or "large": which side of <c>auto</c> routing this model serves.</summary>
    public string? Size { get; set; }

    /// <summary>Models to move to, in order, when this one is throttled, broken or out of budget.</summary>
    public List<string> Fallbacks { get; set; } = [];

    /// <summary>Output cap used when a request does not set max_tokens.</summary>
    [Range(1, 1_000_000)]
    public int DefaultMaxTokens { get; set; } = 1024;

    /// <summary>Largest max_tokens a request may ask for.</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 8192;

    /// <summary>
    /// Prompt caching (anthropic, bedrock-anthropic, bedrock-converse): a system prompt or tool definitions of at
    /// least this many estimated tokens are marked as a cache point. Unset: derived from the model name (Claude
    /// 1024, Claude Haiku 2048, Nova on Converse 1000, other Converse models never). 0 = never mark.
    /// </summary>
    [Range(0, 1_000_000)]
    public int? PromptCacheMinTokens { get; set; }

    public ModelBudgetOptions Budget { get; set; } = new();

    public ModelCircuitOptions Circuit { get; set; } = new();

    // Simulated provider.
    [Range(0, 600_000)]
    public double TtftMs { get; set; } = 800;

    /// <summary>Time to first token varies uniformly by up to this much either way.</summary>
    [Range(0, 600_000)]
    public double TtftJitterMs { get; set; }

    /// <summary>0 streams every token at once.</summary>
    [Range(0, 1_000_000)]
    public double TokensPerSecond { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int OutputTokens { get; set; } = 200;

    /// <summary>The provider's own quota, answered with a ThrottlingException when exceeded. 0 = none.</summary>
    [Range(0, int.MaxValue)]
    public int QuotaRequestsPerMinute { get; set; }

    [Range(0, int.MaxValue)]
    public int QuotaTokensPerMinute { get; set; }

    /// <summary>Probability that a call fails with a transient error.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }

    /// <summary>Probability that a stream breaks after some tokens were sent.</summary>
    [Range(0.0, 1.0)]
    public double MidStreamFailureRate { get; set; }

    public int Seed { get; set; } = 1;
}
