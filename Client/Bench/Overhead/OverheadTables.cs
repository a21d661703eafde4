using Spectre.Console;

namespace Client.Bench.Overhead;

/// <summary>The tables the command prints: every point, what the silo adds, and the issue's targets.</summary>
internal static class OverheadTables
{
    public static Table Points(OverheadResults results)
    {
        var table = new Table().Title("measured (ms)").AddColumns(
            "route", "answer", "conc.", "requests", "req/s", "p50", "p90", "p99", "first byte p50", "first byte p99", "silo CPU µs/req", "bench CPU µs/req", "others' CPU (cores)", "errors");
        foreach (var point in results.Points.OrderBy(p => p.Mode).ThenBy(p => p.Concurrency).ThenBy(p => p.Route))
        {
            table.AddRow(
                OverheadNames.Of(point.Route), point.Mode, point.Concurrency.ToString(), point.Requests.ToString("N0"), point.RequestsPerSecond.ToString("N0"),
                Ms(point.Total?.P50), Ms(point.Total?.P90), Ms(point.Total?.P99), Ms(point.FirstByte?.P50), Ms(point.FirstByte?.P99),
                point.SiloCpuUsPerRequest is { } silo ? silo.ToString("0") : "-", point.BenchCpuUsPerRequest.ToString("0"),
                point.OtherProcessesCores?.ToString("0.00") ?? "-", point.Errors.ToString());
        }
        return table;
    }

    public static Table Added(OverheadResults results, IEnumerable<int> concurrencies)
    {
        var table = new Table().Title("added by the silo (ms): openai = via silo - direct; simulated = whole end to end")
            .AddColumns("upstream", "answer", "conc.", "p50", "p90", "p99", "first byte p50", "first byte p99");
        foreach (var mode in new[] { "json", "sse" })
        {
            foreach (var concurrency in concurrencies)
            {
                if (results.OpenAiAdded(mode, concurrency) is { } added)
                {
                    var firstByte = mode == "sse" ? results.OpenAiFirstByteAdded(concurrency) : null;
                    table.AddRow("openai", mode, concurrency.ToString(), Ms(added.P50), Ms(added.P90), Ms(added.P99), Ms(firstByte?.P50), Ms(firstByte?.P99));
                }
                if (results.Get(BenchRoute.SimulatedViaSilo, mode, concurrency) is { Total: { } simulated } point)
                {
                    table.AddRow("simulated", mode, concurrency.ToString(), Ms(simulated.P50), Ms(simulated.P90), Ms(simulated.P99),
                        Ms(point.FirstByte?.P50), Ms(point.FirstByte?.P99));
                }
            }
        }
        return table;
    }

    public static Table Targets(OverheadResults results)
    {
        var table = new Table().Title("targets").AddColumns("target", "limit", "measured", "met");
        foreach (var target in results.Targets)
        {
            var format = target.AtMost ? "0.000" : "N0";
            table.AddRow(
                Markup.Escape(target.Name), $"{(target.AtMost ? "<=" : ">=")} {target.Limit.ToString(format)}",
                target.Value?.ToString(format) ?? "-", target.Met switch { true => "yes", false => "NO", null => "-" });
        }
        return table;
    }

    private static string Ms(double? value) => value?.ToString("0.000") ?? "-";
}
