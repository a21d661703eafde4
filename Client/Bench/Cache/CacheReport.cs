using Client.Bench.Overhead;
using Spectre.Console;

namespace Client.Bench.Cache;

/// <summary>The tables `client bench cache` prints and the JSON object on its last line (ms, 3 decimals).</summary>
internal static class CacheReport
{
    public static Table Latencies(CacheBenchResults results)
    {
        var table = new Table().Title("end to end over loopback HTTP, concurrency 1 (ms)").AddColumns(
            "request", "answer", "requests", "p50", "p90", "p99", "max", "first byte p50", "first byte p99", "silo total p50", "silo total p99");
        foreach (var (name, mode, point) in Points(results))
        {
            table.AddRow(name, mode, point.Requests.ToString("N0"), Ms(point.P50), Ms(point.P90), Ms(point.P99), Ms(point.Max),
                Ms(point.FirstByteP50), Ms(point.FirstByteP99), Ms(point.ServerP50), Ms(point.ServerP99));
        }
        return table;
    }

    public static Table Semantic(CacheBenchResults results)
    {
        var table = new Table().Title("semantic cache (X-Cache-Semantic: on, default threshold)").AddColumns(
            "pair set", "paraphrases hit", "near misses served (false hits)", "lowest hit score");
        foreach (var set in results.Semantic)
        {
            table.AddRow(set.Set, $"{set.Hits}/{set.Paraphrases}", $"{set.FalseHits}/{set.NearMisses}", set.MinHitScore?.ToString("0.000") ?? "-");
        }
        return table;
    }

    public static Table Targets(CacheBenchResults results)
    {
        var table = new Table().Title("targets").AddColumns("target", "limit", "measured", "met");
        table.AddRow("exact hit p99, json, concurrency 1 (ms)", $"<= {CacheBenchSettings.HitP99TargetMs:0.000}", Ms(results.HitJson.P99), results.HitTargetMet ? "yes" : "NO");
        foreach (var set in results.Semantic)
        {
            table.AddRow(Markup.Escape($"false semantic hits ({set.Set} pairs)"), "0", set.FalseHits.ToString(), set.FalseHits == 0 ? "yes" : "NO");
        }
        return table;
    }

    public static object Json(CacheBenchResults results, CacheBenchSettings settings, MachineInfo machine, string silo, double?[] loadAverage) => new
    {
        Scenario = "cache",
        Machine = machine,
        LoadAverage = new { Window = "1m", Before = BenchJson.Round(loadAverage[0], 2), After = BenchJson.Round(loadAverage[1], 2) },
        Settings = new
        {
            Silo = silo,
            settings.Hits,
            settings.Warmup,
            settings.Misses,
            Concurrency = 1,
            Model = new { settings.TtftMs, settings.TtftJitterMs, settings.TokensPerSecond, settings.Tokens },
        },
        HitP50Ms = BenchJson.Round(results.HitJson.P50),
        HitP99Ms = BenchJson.Round(results.HitJson.P99),
        MissP50Ms = BenchJson.Round(results.MissJson.P50),
        MissP99Ms = BenchJson.Round(results.MissJson.P99),
        SpeedupP50 = BenchJson.Round(results.HitJson.P50 > 0 ? results.MissJson.P50 / results.HitJson.P50 : 0, 0),
        HitP99TargetMs = CacheBenchSettings.HitP99TargetMs,
        HitTargetMet = results.HitTargetMet,
        SemanticHitP50Ms = BenchJson.Round(results.SemanticHitJson.P50),
        SemanticHitP99Ms = BenchJson.Round(results.SemanticHitJson.P99),
        Points = Points(results).ToDictionary(p => $"{p.Name.Replace(' ', '_')}_{p.Mode}", p => Point(p.Point)),
        Semantic = results.Semantic.ToDictionary(s => s.Set.Replace('-', '_'), s => new
        {
            s.Paraphrases,
            s.Hits,
            HitRate = BenchJson.Round(s.HitRate),
            s.NearMisses,
            s.FalseHits,
            MinHitScore = BenchJson.Round(s.MinHitScore),
        }),
        results.Errors,
    };

    private static IEnumerable<(string Name, string Mode, LatencySummary Point)> Points(CacheBenchResults results) =>
    [
        ("hit", "json", results.HitJson),
        ("hit", "sse", results.HitSse),
        ("semantic hit", "json", results.SemanticHitJson),
        ("miss", "json", results.MissJson),
        ("miss", "sse", results.MissSse),
    ];

    private static object Point(LatencySummary point) => new
    {
        point.Requests,
        P50Ms = BenchJson.Round(point.P50),
        P90Ms = BenchJson.Round(point.P90),
        P99Ms = BenchJson.Round(point.P99),
        MaxMs = BenchJson.Round(point.Max),
        MeanMs = BenchJson.Round(point.Mean),
        TtfbP50Ms = BenchJson.Round(point.FirstByteP50),
        TtfbP99Ms = BenchJson.Round(point.FirstByteP99),
        SiloTotalP50Ms = BenchJson.Round(point.ServerP50),
        SiloTotalP99Ms = BenchJson.Round(point.ServerP99),
    };

    private static string Ms(double? value) => value?.ToString("0.000") ?? "-";
}
