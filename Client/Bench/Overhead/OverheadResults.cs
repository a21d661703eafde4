namespace Client.Bench.Overhead;

/// <summary>
/// The measured points and what they mean. With the simulated model the model is free and in-process, so the
/// silo's whole end-to-end latency counts as added (an upper bound: it includes the client's own HTTP round trip).
/// With the openai upstream, added = through the silo minus direct, percentile by percentile.
/// </summary>
internal sealed class OverheadResults(IReadOnlyList<PointResult> points)
{
    public IReadOnlyList<PointResult> Points => points;

    public PointResult? Get(BenchRoute route, string mode, int concurrency) =>
        points.FirstOrDefault(p => p.Route == route && p.Mode == mode && p.Concurrency == concurrency);

    /// <summary>Total latency the silo adds in front of the openai upstream.</summary>
    public LatencyPercentiles? OpenAiAdded(string mode, int concurrency) =>
        Get(BenchRoute.OpenAiViaSilo, mode, concurrency)?.Total is { } via && Get(BenchRoute.OpenAiDirect, mode, concurrency)?.Total is { } direct
            ? via.Minus(direct)
            : null;

    /// <summary>Time to the first streamed byte the silo adds in front of the openai upstream.</summary>
    public LatencyPercentiles? OpenAiFirstByteAdded(int concurrency) =>
        Get(BenchRoute.OpenAiViaSilo, "sse", concurrency)?.FirstByte is { } via && Get(BenchRoute.OpenAiDirect, "sse", concurrency)?.FirstByte is { } direct
            ? via.Minus(direct)
            : null;

    public int Errors => points.Sum(p => p.Errors);

    /// <summary>The targets, each with the figure it is judged on (null when that point was not run).</summary>
    public IReadOnlyList<OverheadTarget> Targets =>
    [
        new("added p50 at c1, openai json (via - direct)", OpenAiAdded("json", 1)?.P50, 0.2, AtMost: true),
        new("added p99 at c1, openai json (via - direct)", OpenAiAdded("json", 1)?.P99, 1.0, AtMost: true),
        new("added p50 at c1, simulated json (end to end)", Get(BenchRoute.SimulatedViaSilo, "json", 1)?.Total?.P50, 0.2, AtMost: true),
        new("added p99 at c1, simulated json (end to end)", Get(BenchRoute.SimulatedViaSilo, "json", 1)?.Total?.P99, 1.0, AtMost: true),
        new("first byte overhead p50 at c1, openai sse (via - direct)", OpenAiFirstByteAdded(1)?.P50, 1.0, AtMost: true),
        new("requests/s at c64, simulated json", Get(BenchRoute.SimulatedViaSilo, "json", 64)?.RequestsPerSecond, 10_000, AtMost: false),
        new("requests/s at c64, openai json via silo", Get(BenchRoute.OpenAiViaSilo, "json", 64)?.RequestsPerSecond, 10_000, AtMost: false),
    ];
}
