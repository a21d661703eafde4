using Spectre.Console;

namespace Client.Bench.Fanout;

/// <summary>The tables the command prints: each scenario's median run, and the targets.</summary>
internal static class FanoutTables
{
    public static Table Results(FanoutSummary summary)
    {
        var table = new Table()
            .Title($"median of {summary.Settings.Runs} runs at time scale {summary.Settings.TimeScale} (ms)")
            .AddColumns("scenario", "tools", "slots", "makespan", "slowest tool", "sum of tools", "makespan / slowest", "ideal", "makespan / ideal", "worst / ideal", "client wall");
        for (var column = 1; column < table.Columns.Count; column++)
        {
            table.Columns[column].RightAligned();
        }
        foreach (var row in summary.Rows)
        {
            var run = row.Median;
            table.AddRow(
                Markup.Escape(row.Scenario.Name), run.ToolMs.Count.ToString(), row.Scenario.Slots(run.ToolMs.Count).ToString(),
                Ms(run.MakespanMs), Ms(run.SlowestToolMs), Ms(run.SumToolMs), Ratio(run.Ratio), Ms(run.IdealMs), Ratio(run.RatioToIdeal), Ratio(row.WorstRatioToIdeal), Ms(run.WallMs));
        }
        return table;
    }

    public static Table Targets(FanoutSummary summary)
    {
        var table = new Table().Title("targets").AddColumns("target", "limit", "median run", "worst run", "met");
        foreach (var target in summary.Targets)
        {
            table.AddRow(Markup.Escape(target.Name), $"<= {target.Limit:0.00}", Ratio(target.Value), Ratio(target.Worst), target.Met ? "yes" : "[red]NO[/]");
        }
        return table;
    }

    private static string Ms(double value) => value.ToString("0.0");

    private static string Ratio(double value) => value.ToString("0.0000");
}
