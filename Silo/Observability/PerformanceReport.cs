using System.Globalization;
using System.Text;

namespace Silo.Observability;

/// <summary>The performance read-out as Markdown, for people and for pasting into an issue.</summary>
internal static class PerformanceReport
{
    public static string Render(PerformanceAnalysis analysis)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Performance report (last {analysis.WindowSeconds / 60:0} minutes)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Bottleneck:** {analysis.Bottleneck.Explanation}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{analysis.Requests} requests, {analysis.ThroughputRps:0.##} requests/s, error rate {analysis.ErrorRate:P1}, throttled {analysis.ThrottleRate:P1}.");
        text.AppendLine();
        text.AppendLine("## Stages (ms)");
        text.AppendLine();
        text.AppendLine("| stage | samples | p50 | p90 | p99 |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (stage, p) in analysis.Stages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {p.Count} | {Ms(p.P50)} | {Ms(p.P90)} | {Ms(p.P99)} |");
        }
        text.AppendLine();
        text.AppendLine("## Models");
        text.AppendLine();
        text.AppendLine("| model | provider | circuit | calls | success | throttled | errors | p50 ms | p99 ms | ttft p50 ms | ttft p99 ms |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var model in analysis.Models)
        {
            var s = model.Stats;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {model.Id} | {model.Provider} | {model.Circuit} | {s.Calls} | {s.SuccessRate:P1} | {s.ThrottleRate:P1} | {s.ErrorRate:P1} | {Ms(s.LatencyP50Ms)} | {Ms(s.LatencyP99Ms)} | {Ms(s.TtftP50Ms)} | {Ms(s.TtftP99Ms)} |");
        }
        var cache = analysis.Cache;
        text.AppendLine();
        text.AppendLine("## Cache");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{cache.Entries} entries ({cache.Bytes} bytes), hit rate {cache.HitRate:P1} ({cache.Hits} hits, {cache.SemanticHits} semantic, {cache.Misses} misses), hit latency p50 {Ms(cache.HitLatencyP50Ms)} ms, p99 {Ms(cache.HitLatencyP99Ms)} ms, {cache.Evictions} evictions.");
        return text.ToString();
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
