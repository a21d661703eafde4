using Grains.Interfaces.Models;

namespace Grains.Models.Statistics;

/// <summary>The last calls of a model (bounded), summarized over a recent time window on demand.</summary>
internal sealed class RollingStats(TimeSpan window, int capacity = 4096)
{
    private readonly Sample[] _samples = new Sample[capacity];
    private int _next;
    private int _count;
    private long _cacheReadTokens;
    private long _cacheWriteTokens;

    public void Record(DateTimeOffset at, CallOutcome outcome, double latencyMs, double? ttftMs, long cacheReadTokens = 0, long cacheWriteTokens = 0)
    {
        // Prompt-cache tokens are totals since activation, not windowed figures.
        _cacheReadTokens += Math.Max(0, cacheReadTokens);
        _cacheWriteTokens += Math.Max(0, cacheWriteTokens);
        _samples[_next] = new Sample(at, outcome, latencyMs, ttftMs);
        _next = (_next + 1) % _samples.Length;
        _count = Math.Min(_count + 1, _samples.Length);
    }

    public ModelStats Summarize(DateTimeOffset now)
    {
        var recent = new List<Sample>(_count);
        for (var i = 0; i < _count; i++)
        {
            var sample = _samples[(_next - 1 - i + _samples.Length) % _samples.Length];
            if (now - sample.At <= window)
            {
                recent.Add(sample);
            }
        }
        var calls = recent.Count(s => s.Outcome != CallOutcome.Cancelled);
        double Rate(CallOutcome outcome) => calls == 0 ? 0 : (double)recent.Count(s => s.Outcome == outcome) / calls;
        var latencies = recent.Where(s => s.Outcome == CallOutcome.Success).Select(s => s.LatencyMs).Order().ToArray();
        var ttfts = recent.Where(s => s.TtftMs is not null).Select(s => s.TtftMs!.Value).Order().ToArray();
        return new ModelStats(
            calls,
            Rate(CallOutcome.Success),
            Rate(CallOutcome.Throttled),
            Rate(CallOutcome.TransientError) + Rate(CallOutcome.PermanentError),
            Percentile.Of(latencies, 0.50), Percentile.Of(latencies, 0.90), Percentile.Of(latencies, 0.99),
            Percentile.Of(ttfts, 0.50), Percentile.Of(ttfts, 0.90), Percentile.Of(ttfts, 0.99),
            window,
            _cacheReadTokens,
            _cacheWriteTokens);
    }

    private readonly record struct Sample(DateTimeOffset At, CallOutcome Outcome, double LatencyMs, double? TtftMs);
}
