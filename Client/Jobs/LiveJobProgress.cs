using Grains.Interfaces.Jobs;
using Spectre.Console;

namespace Client.Jobs;

/// <summary>Live Spectre bars, one per tool, in the job's order; they stay on screen when the job ends.</summary>
internal sealed class LiveJobProgress(IAnsiConsole console) : IJobProgressView
{
    public async Task<JobEvent?> FollowAsync(IReadOnlyList<ToolOutcome> tools, IAsyncEnumerable<JobEvent> events, CancellationToken cancellationToken)
    {
        JobEvent? finished = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new TokensColumn(), new ToolStatusColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = tools.ToDictionary(t => t.Index, t => ToolBar.Add(context, t.Tool));
                await foreach (var item in events.WithCancellation(cancellationToken))
                {
                    if (item.Type == JobEventType.JobFinished)
                    {
                        finished = item;
                    }
                    else if (item.ToolIndex is { } index && bars.TryGetValue(index, out var bar))
                    {
                        Apply(bar, item);
                    }
                }
                context.Refresh();
            });
        return finished;
    }

    private static void Apply(ToolBar bar, JobEvent item)
    {
        switch (item.Type)
        {
            case JobEventType.ToolStarted:
                bar.Start();
                break;
            case JobEventType.ToolProgress:
                bar.Progress(item.Tokens ?? 0);
                break;
            case JobEventType.ToolFinished:
                bar.Finish(item.ToolStatus ?? ToolStatus.Failed, item.Tokens);
                break;
        }
    }
}
