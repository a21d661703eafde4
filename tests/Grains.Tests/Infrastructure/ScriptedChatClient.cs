using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Infrastructure;

/// <summary>Plays its script, one step per call; with the script used up it answers "ok".</summary>
public sealed class ScriptedChatClient(string modelId) : IChatClient
{
    private readonly ConcurrentQueue<ScriptedStep> _script = new();
    private readonly ConcurrentQueue<IReadOnlyList<ChatMessage>> _calls = new();

    public IReadOnlyList<IReadOnlyList<ChatMessage>> Calls => [.. _calls];

    public ScriptedChatClient Then(params ScriptedStep[] steps)
    {
        foreach (var step in steps)
        {
            _script.Enqueue(step);
        }
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The gateway streams.");

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _calls.Enqueue([.. messages]);
        var step = _script.TryDequeue(out var next) ? next : ScriptedStep.Answer("ok");
        await Task.Yield();
        foreach (var token in step.Tokens)
        {
            // As a real provider's stream does: a cancelled caller gets no further token.
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, token) { ModelId = modelId };
        }
        if (step.Failure is { } kind)
        {
            throw new ModelCallException(kind, $"scripted {kind} from {modelId}", step.RetryAfter);
        }
        yield return new ChatResponseUpdate
        {
            ModelId = modelId,
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = step.Tokens.Length, TotalTokenCount = 10 + step.Tokens.Length })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
