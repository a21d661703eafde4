namespace Grains.Models.Providers.PromptCaching;

/// <summary>
/// The smallest prompt prefix (in estimated tokens) worth a cache point, per provider and model, unless
/// <c>Models:&lt;id&gt;:PromptCacheMinTokens</c> says otherwise (0 = never mark).
/// </summary>
/// <remarks>
/// Claude: 1024 tokens, 2048 for Haiku models. Anthropic's current table asks more of some newer models
/// (4096 for Opus 4.5/4.6 and Haiku 4.5); a cache point below a model's minimum is ignored by the API (nothing
/// is cached, the request succeeds), so the lower default costs nothing and those models can be configured
/// exactly. Bedrock Converse caches only Claude and Amazon Nova (1,000 tokens a checkpoint); other Converse
/// models get no cache point, since they do not accept one.
/// </remarks>
public static class PromptCacheMinimum
{
    public const int Claude = 1024;
    public const int ClaudeHaiku = 2048;
    public const int Nova = 1000;

    public static int Resolve(string provider, string model, int? configured) =>
        configured is { } value ? Math.Max(0, value) : Default(provider, model);

    public static int Default(string provider, string model)
    {
        var name = model.ToLowerInvariant();
        return provider.ToLowerInvariant() switch
        {
            "anthropic" or "bedrock-anthropic" => ForClaude(name),
            "bedrock-converse" when name.Contains("claude", StringComparison.Ordinal) => ForClaude(name),
            "bedrock-converse" when name.Contains("nova", StringComparison.Ordinal) => Nova,
            _ => 0,
        };
    }

    private static int ForClaude(string name) => name.Contains("haiku", StringComparison.Ordinal) ? ClaudeHaiku : Claude;
}
