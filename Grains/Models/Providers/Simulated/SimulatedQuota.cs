namespace Grains.Models.Providers.Simulated;

/// <summary>
/// The simulated provider's own quota: requests and tokens in any 60-second window, answered like Bedrock's
/// ThrottlingException when exceeded.
/// </summary>
internal sealed class SimulatedQuota(int requestsPerMinute, int tokensPerMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<(DateTimeOffset At, int Tokens)> _recent = new();
    private int _tokensInWindow;

    /// <summary>Counts the call, or returns how long until it would fit.</summary>
    public TimeSpan? TryConsume(int tokens)
    {
        if (requestsPerMinute <= 0 && tokensPerMinute <= 0)
        {
            return null;
        }
        lock (_recent)
        {
            var now = time.GetUtcNow();
            while (_recent.TryPeek(out var oldest) && oldest.At + Window <= now)
            {
                _tokensInWindow -= _recent.Dequeue().Tokens;
            }
            var overRequests = requestsPerMinute > 0 && _recent.Count + 1 > requestsPerMinute;
            var overTokens = tokensPerMinute > 0 && _tokensInWindow + tokens > tokensPerMinute && _recent.Count > 0;
            if (overRequests || overTokens)
            {
                return _recent.Peek().At + Window - now;
            }
            _recent.Enqueue((now, tokens));
            _tokensInWindow += tokens;
            return null;
        }
    }
}
