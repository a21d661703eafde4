using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Silo.Tests.Jobs;

/// <summary>
/// Models for the jobs API tests (<c>Provider = test</c>). Both answer with the user's prompt, word by word.
/// <c>echo</c> answers at once; <c>held</c> waits until the test releases that prompt, so a test decides when a tool
/// finishes, and sees whether the call was cancelled.
/// </summary>
public sealed partial class TestModelProvider : IModelProvider
{
    public const string Echo = "echo";
    public const string Held = "held";

    private readonly ConcurrentDictionary<string, HeldCall> _held = new(StringComparer.Ordinal);

    public string Name => "test";

    public IChatClient CreateClient(string modelId, ModelOptions options) => new TestChatClient(modelId, this);

    /// <summary>Lets the held call with this prompt answer.</summary>
    public void Release(string prompt) => CallFor(prompt).Release.TrySetResult();

    /// <summary>Completes when a held call with this prompt has reached the model.</summary>
    public Task CalledAsync(string prompt) => CallFor(prompt).Called.Task.WaitAsync(TimeSpan.FromSeconds(15));

    /// <summary>Completes when the held call with this prompt was cancelled while it waited.</summary>
    public Task CancelledAsync(string prompt) => CallFor(prompt).Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(15));

    private HeldCall CallFor(string prompt) => _held.GetOrAdd(prompt, _ => new HeldCall());

    private static IReadOnlyList<string> Words(string text) => [.. Piece().Matches(text).Select(m => m.Value).Where(v => v.Length > 0)];

    [GeneratedRegex(@"\S*\s*")]
    private static partial Regex Piece();

    private sealed class HeldCall
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class TestChatClient(string modelId, TestModelProvider provider) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The gateway streams.");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var prompt = messages.Last(m => m.Role == ChatRole.User).Text;
            if (modelId == Held)
            {
                var call = provider.CallFor(prompt);
                call.Called.TrySetResult();
                try
                {
                    await call.Release.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    call.Cancelled.TrySetResult();
                    throw;
                }
            }
            await Task.Yield();
            var words = Words(prompt);
            foreach (var word in words)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, word) { ModelId = modelId };
            }
            yield return new ChatResponseUpdate
            {
                ModelId = modelId,
                FinishReason = ChatFinishReason.Stop,
                Contents = [new UsageContent(new UsageDetails { InputTokenCount = words.Count, OutputTokenCount = words.Count, TotalTokenCount = 2 * words.Count })],
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
