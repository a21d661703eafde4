namespace Client.Bench.Overhead;

/// <summary>The JSON object on the last line: headline figures first, then every point (ms, 3 decimals).</summary>
internal static class OverheadReport
{
    public static object Json(OverheadResults results, OverheadSettings settings, MachineInfo machine, string silo)
    {
        var firstByteAdded = results.OpenAiFirstByteAdded(1);
        return new
        {
            Scenario = "overhead",
            Machine = machine,
            Settings = new
            {
                Seconds = settings.Duration.TotalSeconds,
                WarmupSeconds = settings.PointWarmup.TotalSeconds,
                settings.OutputTokens,
                Concurrency = settings.Concurrencies,
                Silo = silo,
                Cache = settings.Cache.ToString().ToLowerInvariant(),
            },
            AddedP50Ms = BenchJson.Round(results.OpenAiAdded("json", 1)?.P50),
            AddedP99Ms = BenchJson.Round(results.OpenAiAdded("json", 1)?.P99),
            TtfbOverheadMs = BenchJson.Round(firstByteAdded?.P50),
            TtfbOverheadP99Ms = BenchJson.Round(firstByteAdded?.P99),
            RpsC64 = BenchJson.Round(results.Get(BenchRoute.SimulatedViaSilo, "json", 64)?.RequestsPerSecond, 0),
            RpsC64Openai = BenchJson.Round(results.Get(BenchRoute.OpenAiViaSilo, "json", 64)?.RequestsPerSecond, 0),
            Simulated = Route(results, BenchRoute.SimulatedViaSilo, settings),
            Openai = new
            {
                Direct = Route(results, BenchRoute.OpenAiDirect, settings),
                ViaSilo = Route(results, BenchRoute.OpenAiViaSilo, settings),
                Added = Modes(concurrency => Added(results, "json", concurrency), concurrency => Added(results, "sse", concurrency), settings),
            },
            Targets = results.Targets.Select(t => new { t.Name, Value = BenchJson.Round(t.Value), t.Limit, t.Met }),
            results.Errors,
        };
    }

    private static Dictionary<string, object> Route(OverheadResults results, BenchRoute route, OverheadSettings settings) =>
        Modes(concurrency => Point(results.Get(route, "json", concurrency)), concurrency => Point(results.Get(route, "sse", concurrency)), settings);

    private static Dictionary<string, object> Modes(Func<int, object?> json, Func<int, object?> sse, OverheadSettings settings) => new()
    {
        ["json"] = settings.Concurrencies.ToDictionary(c => $"c{c}", json),
        ["sse"] = settings.Concurrencies.ToDictionary(c => $"c{c}", sse),
    };

    private static object? Point(PointResult? point) => point is null ? null : new
    {
        point.Requests,
        Rps = BenchJson.Round(point.RequestsPerSecond, 0),
        P50Ms = BenchJson.Round(point.Total?.P50),
        P90Ms = BenchJson.Round(point.Total?.P90),
        P99Ms = BenchJson.Round(point.Total?.P99),
        TtfbP50Ms = BenchJson.Round(point.FirstByte?.P50),
        TtfbP90Ms = BenchJson.Round(point.FirstByte?.P90),
        TtfbP99Ms = BenchJson.Round(point.FirstByte?.P99),
        point.Errors,
        SiloCpuUsPerRequest = BenchJson.Round(point.SiloCpuUsPerRequest, 1),
        BenchCpuUsPerRequest = BenchJson.Round(point.BenchCpuUsPerRequest, 1),
        OtherProcessesCores = BenchJson.Round(point.OtherProcessesCores, 2),
    };

    private static object Added(OverheadResults results, string mode, int concurrency)
    {
        var total = results.OpenAiAdded(mode, concurrency);
        var firstByte = mode == "sse" ? results.OpenAiFirstByteAdded(concurrency) : null;
        return new
        {
            P50Ms = BenchJson.Round(total?.P50),
            P90Ms = BenchJson.Round(total?.P90),
            P99Ms = BenchJson.Round(total?.P99),
            TtfbP50Ms = BenchJson.Round(firstByte?.P50),
            TtfbP90Ms = BenchJson.Round(firstByte?.P90),
            TtfbP99Ms = BenchJson.Round(firstByte?.P99),
        };
    }
}
