using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Jobs;

/// <summary>
/// Models (<c>Provider = echo</c>) that answer with the user's prompt, word by word: a tool whose prompt is just
/// <c>{{field}}</c> outputs that input field, so a test controls exactly what a tool produces per input.
/// </summary>
public sealed partial class EchoModelProvider : IModelProvider
{
    public string Name => "echo";

    public IChatClient CreateClient(string modelId, ModelOptions options) => new EchoChatClient(modelId);

    /// <summary>The pieces an echoed text streams as (each word with the whitespace after it).</summary>
    public static IReadOnlyList<string> Tokens(string text) => [.. Piece().Matches(text).Select(m => m.Value).Where(v => v.Length > 0)];

    [GeneratedRegex(@"\S*\s*")]
    private static partial Regex Piece();

    private sealed class EchoChatClient(string modelId) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The gateway streams.");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var prompt = messages.Last(m => m.Role == ChatRole.User).Text;
            await Task.Yield();
            var tokens = Tokens(prompt);
            foreach (var token in tokens)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, token) { ModelId = modelId };
            }
            yield return new ChatResponseUpdate
            {
                ModelId = modelId,
                FinishReason = ChatFinishReason.Stop,
                Contents = [new UsageContent(new UsageDetails { InputTokenCount = tokens.Count, OutputTokenCount = tokens.Count, TotalTokenCount = 2 * tokens.Count })],
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
