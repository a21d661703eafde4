using Grains.Models.Statistics;

namespace Client.Bench.Cache;

/// <summary>Latencies of one measured point, in milliseconds (nearest rank).</summary>
internal sealed record LatencySummary(int Requests, double P50, double P90, double P99, double Max, double Mean, double? FirstByteP50, double? FirstByteP99, double? ServerP50, double? ServerP99)
{
    public static LatencySummary Of(IReadOnlyList<ProbeResult> results, bool stream)
    {
        var totals = results.Select(r => r.TotalMs).Order().ToArray();
        var firstBytes = results.Select(r => r.FirstByteMs).Order().ToArray();
        var server = results.Where(r => r.ServerTotalMs is not null).Select(r => r.ServerTotalMs!.Value).Order().ToArray();
        return new LatencySummary(
            totals.Length, Percentile.Of(totals, 0.5) ?? 0, Percentile.Of(totals, 0.9) ?? 0, Percentile.Of(totals, 0.99) ?? 0,
            totals.LastOrDefault(), totals.Length == 0 ? 0 : totals.Average(),
            stream ? Percentile.Of(firstBytes, 0.5) : null, stream ? Percentile.Of(firstBytes, 0.99) : null,
            Percentile.Of(server, 0.5), Percentile.Of(server, 0.99));
    }
}

/// <summary>How the semantic cache did on one pair set: paraphrases served, near misses wrongly served.</summary>
internal sealed record SemanticSetResult(string Set, int Paraphrases, int Hits, int NearMisses, int FalseHits, double? MinHitScore, IReadOnlyList<string> Failures)
{
    public double HitRate => Paraphrases == 0 ? 0 : (double)Hits / Paraphrases;
}

internal sealed record CacheBenchResults(
    LatencySummary HitJson, LatencySummary HitSse, LatencySummary SemanticHitJson, LatencySummary MissJson, LatencySummary MissSse,
    IReadOnlyList<SemanticSetResult> Semantic, int Errors, string? FirstError)
{
    public bool HitTargetMet => HitJson.P99 <= CacheBenchSettings.HitP99TargetMs;
}
