using System.Globalization;
using Spectre.Console;

namespace Client.Bench.Cluster;

/// <summary>The human-readable tables: throughput, forwarded against direct, and SIGKILL to served.</summary>
internal static class ClusterTables
{
    public static Table Throughput(ClusterBenchResults results)
    {
        var table = new Table().AddColumns("setup", "turns/s", "x one silo", "p50 (ms)", "p99 (ms)", "forwarded", "silos (cores)", "DynamoDB", "bench", "others", "errors");
        foreach (var point in results.Throughput)
        {
            table.AddRow(
                point.Setup, Number(point.RequestsPerSecond, "0"), Number(results.OverOneSilo(point.Setup), "0.00"),
                Number(point.Latency?.P50, "0.00"), Number(point.Latency?.P99, "0.00"), point.ForwardedShare.ToString("P0", CultureInfo.InvariantCulture),
                Number(point.Cpu.Silos, "0.00"), Number(point.Cpu.DynamoDb, "0.00"), Number(point.Cpu.Bench, "0.00"), Number(point.Cpu.Others, "0.00"),
                point.Errors.ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }

    public static Table Forwarding(ClusterBenchResults results)
    {
        var table = new Table().AddColumns("call", "pairs", "direct p50", "direct p99", "forwarded p50", "forwarded p99", "added p50", "added p99", "x direct (p50)", "errors");
        foreach (var result in results.Forwarding)
        {
            table.AddRow(
                result.Kind, result.Pairs.ToString(CultureInfo.InvariantCulture),
                Number(result.Direct?.P50, "0.000"), Number(result.Direct?.P99, "0.000"), Number(result.Forwarded?.P50, "0.000"), Number(result.Forwarded?.P99, "0.000"),
                Number(result.AddedP50Ms, "0.000"), Number(result.AddedP99Ms, "0.000"), Number(result.RatioP50, "0.00"), result.Errors.ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }

    public static Table Failover(ClusterBenchResults results)
    {
        var table = new Table().AddColumns("kill", "silo", "its sessions", "declared dead (ms)", "first served", "median served", "all served", "never answered", "lost turns");
        foreach (var kill in results.Kills)
        {
            table.AddRow(
                kill.Kill.ToString(CultureInfo.InvariantCulture), kill.Silo, kill.Sessions.ToString(CultureInfo.InvariantCulture), Number(kill.DeclaredDeadMs, "0"),
                Number(kill.FirstServedMs, "0"), Number(ClusterBenchResults.Median(kill.ServedMs.Select(v => (double?)v)), "0"), Number(kill.AllServedMs, "0"),
                kill.Unserved.ToString(CultureInfo.InvariantCulture), kill.Lost.ToString(CultureInfo.InvariantCulture));
        }
        table.AddRow("median", "", "", Number(results.MedianDeclaredDeadMs, "0"), "", "", Number(results.MedianAllServedMs, "0"), "", "");
        return table;
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
