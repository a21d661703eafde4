using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.PromptCaching;

/// <summary>Estimated sizes of the cacheable prefix (tool definitions, system prompt), with <see cref="TokenEstimator"/>.</summary>
public static class PromptCacheSize
{
    public static int OfTexts(IEnumerable<string?> texts) => texts.Sum(TokenEstimator.Estimate);

    /// <summary>A tool definition as sent: name, description and, for functions, the JSON schema of the parameters.</summary>
    public static int OfTools(IEnumerable<AITool>? tools) => tools?.Sum(tool =>
        TokenEstimator.Estimate(tool.Name) + TokenEstimator.Estimate(tool.Description)
        + (tool is AIFunctionDeclaration function ? TokenEstimator.Estimate(function.JsonSchema.GetRawText()) : 0)) ?? 0;

    /// <summary>Whether a prefix of <paramref name="tokens"/> reaches <paramref name="minTokens"/>; never when the minimum is 0.</summary>
    public static bool Reaches(int tokens, int minTokens) => minTokens > 0 && tokens > 0 && tokens >= minTokens;
}
