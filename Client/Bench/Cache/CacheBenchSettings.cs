using System.Globalization;

namespace Client.Bench.Cache;

/// <summary>What `client bench cache` measures and with which simulated models.</summary>
internal sealed record CacheBenchSettings(int Hits, int Warmup, int Misses, double TtftMs, double TtftJitterMs, double TokensPerSecond, int Tokens)
{
    /// <summary>The model behind misses: a realistic time to first token, then a token rate.</summary>
    public const string SlowModel = "bench-cache-ttft";

    /// <summary>The model behind the semantic pairs, which measure correctness, not latency: answers at once.</summary>
    public const string InstantModel = "bench-cache-instant";

    public const double HitP99TargetMs = 0.5;

    /// <summary>The silo settings the bench needs, as command-line arguments (also what a --silo must be started with).</summary>
    public IEnumerable<string> ModelArguments()
    {
        var invariant = CultureInfo.InvariantCulture;
        foreach (var (model, ttft, jitter, rate) in new[] { (SlowModel, TtftMs, TtftJitterMs, TokensPerSecond), (InstantModel, 0.0, 0.0, 0.0) })
        {
            yield return $"--Models:{model}:Provider=simulated";
            yield return $"--Models:{model}:TtftMs={ttft.ToString(invariant)}";
            yield return $"--Models:{model}:TtftJitterMs={jitter.ToString(invariant)}";
            yield return $"--Models:{model}:TokensPerSecond={rate.ToString(invariant)}";
            yield return $"--Models:{model}:OutputTokens={Tokens}";
        }
    }
}
