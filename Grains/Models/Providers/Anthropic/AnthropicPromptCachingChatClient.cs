using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Anthropic;

/// <summary>
/// Marks the system prompt and tool definitions as prompt-cache breakpoints (see <see cref="AnthropicPromptCache"/>)
/// when they reach <paramref name="minTokens"/> estimated tokens; 0 sends every request unchanged.
/// </summary>
public sealed class AnthropicPromptCachingChatClient(IChatClient inner, int minTokens) : DelegatingChatClient(inner)
{
    public int MinTokens => minTokens;

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (marked, markedOptions) = AnthropicPromptCache.Mark(messages, options, minTokens);
        return base.GetResponseAsync(marked, markedOptions, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (marked, markedOptions) = AnthropicPromptCache.Mark(messages, options, minTokens);
        return base.GetStreamingResponseAsync(marked, markedOptions, cancellationToken);
    }
}
