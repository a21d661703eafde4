namespace Grains.Tests.Models.Providers.PromptCaching;

/// <summary>System prompts on either side of the 1024-token minimum, as <c>TokenEstimator</c> counts (about four characters a token).</summary>
public static class PromptTexts
{
    /// <summary>About 1,450 estimated tokens: above Claude's 1024 and Nova's 1000, below Haiku's 2048.</summary>
    public static readonly string Long = string.Concat(Enumerable.Repeat("You are a careful assistant for the billing team. ", 116));

    public const string Short = "Be brief.";
}
