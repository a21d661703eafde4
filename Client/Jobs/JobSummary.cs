using Grains.Interfaces.Jobs;
using Spectre.Console;

namespace Client.Jobs;

/// <summary>The finished job as a table (one row per tool) and a line with its status and makespan.</summary>
internal static class JobSummary
{
    public static void Write(IAnsiConsole console, JobView job)
    {
        var withErrors = job.Tools.Any(t => t.Error is not null);
        var table = new Table().AddColumns("tool", "status", "model", "tokens", "duration (ms)");
        table.Columns[3].RightAligned();
        table.Columns[4].RightAligned();
        if (withErrors)
        {
            table.AddColumn("error");
        }
        foreach (var tool in job.Tools)
        {
            var cells = new List<string>
            {
                Markup.Escape(tool.Tool),
                $"[{StatusColours.Of(tool.Status)}]{tool.Status}[/]",
                Markup.Escape(tool.Model ?? "-"),
                tool.Tokens.ToString(),
                tool.DurationMs is { } ms ? $"{ms:0}" : "-",
            };
            if (withErrors)
            {
                cells.Add(Markup.Escape(tool.Error ?? ""));
            }
            table.AddRow([.. cells]);
        }
        console.Write(table);
        // The slowest tool is what a parallel job cannot beat, so the makespan is shown against it.
        var slowest = job.Tools.Max(t => t.DurationMs ?? 0);
        var makespan = job.MakespanMs is { } total ? $"{total:0} ms (slowest tool {slowest:0} ms)" : "-";
        console.MarkupLine($"job {Markup.Escape(job.Id)}: [{StatusColours.Of(job.Status)}]{job.Status}[/], {job.Mode.ToString().ToLowerInvariant()}, makespan {makespan}");
    }
}
