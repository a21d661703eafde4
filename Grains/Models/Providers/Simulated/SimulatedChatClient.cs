using System.Runtime.CompilerServices;
using System.Text;
using Grains.Models.Configuration;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Simulated;

/// <summary>
/// A model that costs nothing and behaves like a real one: time to first token with jitter, a token rate,
/// a provider quota that throttles, random failures before or during the stream, all from a fixed seed and
/// on the injected clock. Every benchmark runs against it.
/// </summary>
internal sealed class SimulatedChatClient : IChatClient
{
    private static readonly string[] Words =
        ["the", "cluster", "keeps", "sessions", "warm", "and", "streams", "tokens", "as", "they", "arrive", "so",
         "users", "never", "wait", "for", "whole", "answers", "while", "tools", "run", "in", "parallel", "across", "silos"];

    private readonly string _modelId;
    private readonly ModelOptions _options;
    private readonly TimeProvider _time;
    private readonly SimulatedQuota _quota;
    private readonly Random _random;

    public SimulatedChatClient(string modelId, ModelOptions options, TimeProvider time)
    {
        _modelId = modelId;
        _options = options;
        _time = time;
        _quota = new SimulatedQuota(options.QuotaRequestsPerMinute, options.QuotaTokensPerMinute, time);
        _random = new Random(options.Seed);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            text.Append(update.Text);
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
        }
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            ModelId = _modelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = usage,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prompt = messages.ToList();
        var inputTokens = TokenEstimator.Estimate(prompt);
        var outputTokens = Math.Min(_options.OutputTokens, options?.MaxOutputTokens ?? int.MaxValue);
        var (ttft, failsBeforeFirst, breakAfter) = Draw(outputTokens);

        if (_quota.TryConsume(inputTokens + outputTokens) is { } wait)
        {
            throw new ModelCallException(ModelErrorKind.Throttled, "ThrottlingException: Too many requests, please wait before trying again.", wait, 429);
        }
        var started = _time.GetTimestamp();
        if (ttft > TimeSpan.Zero)
        {
            await Task.Delay(ttft, _time, cancellationToken);
        }
        if (failsBeforeFirst)
        {
            throw new ModelCallException(ModelErrorKind.Transient, "ServiceUnavailableException: the simulated model failed before its first token.", statusCode: 503);
        }
        var seed = StableSeed(prompt);
        for (var i = 0; i < outputTokens; i++)
        {
            if (i == breakAfter)
            {
                throw new ModelCallException(ModelErrorKind.Transient, "The simulated stream broke mid-way.");
            }
            if (_options.TokensPerSecond > 0 && i > 0)
            {
                var due = ttft + TimeSpan.FromSeconds(i / _options.TokensPerSecond);
                var remaining = due - _time.GetElapsedTime(started);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, _time, cancellationToken);
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, Words[(seed + i) % Words.Length] + " ") { ModelId = _modelId };
        }
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = _modelId,
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private (TimeSpan Ttft, bool FailsBeforeFirst, int BreakAfter) Draw(int outputTokens)
    {
        lock (_random)
        {
            var jitter = _options.TtftJitterMs * (2 * _random.NextDouble() - 1);
            var ttft = TimeSpan.FromMilliseconds(Math.Max(0, _options.TtftMs + jitter));
            var fails = _random.NextDouble() < _options.FailureRate;
            var breaks = _random.NextDouble() < _options.MidStreamFailureRate;
            return (ttft, fails, breaks ? Math.Max(1, outputTokens / 2) : -1);
        }
    }

    private static int StableSeed(List<ChatMessage> prompt)
    {
        var text = prompt.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var seed = 17;
        foreach (var c in text)
        {
            seed = unchecked(seed * 31 + c);
        }
        return seed & int.MaxValue;
    }
}
