using System.Globalization;

namespace Client.Bench.Overhead;

/// <summary>
/// How the overhead bench runs: each (route, mode, concurrency) point is warmed up for <see cref="PointWarmup"/>
/// and then measured for <see cref="Duration"/>, with at most <see cref="MaxRequestsPerPoint"/> requests.
/// </summary>
internal sealed record OverheadSettings(
    TimeSpan Duration,
    TimeSpan PointWarmup,
    TimeSpan InitialWarmup,
    IReadOnlyList<int> Concurrencies,
    int OutputTokens,
    int MaxRequestsPerPoint,
    IReadOnlyList<BenchRoute> Routes,
    IReadOnlyList<bool> StreamModes,
    CacheMode Cache,
    bool RebuildStaleSilo)
{
    /// <summary>The silo's own simulated model with no time to first token and no token rate: a free model.</summary>
    public const string SimulatedModel = "bench-zero";

    /// <summary>The silo's openai model, pointing at the bench's zero-latency upstream.</summary>
    public const string OpenAiModel = "bench-openai";

    /// <summary>Model settings the silo needs, as command-line configuration (a remote silo must have the same).</summary>
    public IEnumerable<string> ModelArguments(string upstreamBaseUrl) =>
    [
        .. SimulatedModelArguments(OutputTokens),
        $"--Models:{OpenAiModel}:Provider=openai",
        $"--Models:{OpenAiModel}:Endpoint={upstreamBaseUrl}",
    ];

    /// <summary>The free simulated model alone, as command-line configuration.</summary>
    public static IEnumerable<string> SimulatedModelArguments(int outputTokens) =>
    [
        $"--Models:{SimulatedModel}:Provider=simulated",
        $"--Models:{SimulatedModel}:TtftMs=0",
        $"--Models:{SimulatedModel}:TtftJitterMs=0",
        $"--Models:{SimulatedModel}:TokensPerSecond=0",
        $"--Models:{SimulatedModel}:OutputTokens={outputTokens.ToString(CultureInfo.InvariantCulture)}",
    ];
}
