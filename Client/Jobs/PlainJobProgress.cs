using Grains.Interfaces.Jobs;
using Spectre.Console;

namespace Client.Jobs;

/// <summary>
/// Progress as plain lines, for output that goes to a file or another program: each start and finish, and a line
/// at each quarter of a tool's cap (every 100 tokens when the cap is unknown) rather than one per event.
/// </summary>
internal sealed class PlainJobProgress(IAnsiConsole console) : IJobProgressView
{
    private const int TokensPerLineWithoutCap = 100;

    public async Task<JobEvent?> FollowAsync(IReadOnlyList<ToolOutcome> tools, IAsyncEnumerable<JobEvent> events, CancellationToken cancellationToken)
    {
        var names = tools.ToDictionary(t => t.Index, t => t.Tool);
        var shownStep = new Dictionary<int, int>();
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            var tool = item.ToolIndex is { } index ? names.GetValueOrDefault(index, item.Tool ?? "?") : "";
            switch (item.Type)
            {
                case JobEventType.ToolStarted:
                    console.WriteLine($"started   {tool}");
                    break;
                case JobEventType.ToolProgress when item.Tokens is { } tokens:
                    var limit = ToolTokenLimits.For(tool);
                    var step = limit is { } cap ? tokens * 4 / cap : tokens / TokensPerLineWithoutCap;
                    if (step > shownStep.GetValueOrDefault(item.ToolIndex!.Value) && (limit is null || step < 4))
                    {
                        shownStep[item.ToolIndex.Value] = step;
                        console.WriteLine(limit is null ? $"progress  {tool} {tokens} tokens" : $"progress  {tool} {tokens}/{limit} tokens");
                    }
                    break;
                case JobEventType.ToolFinished:
                    var took = item.DurationMs is { } ms ? $" in {ms:0} ms" : "";
                    var error = item.Error is null ? "" : $": {item.Error}";
                    console.WriteLine($"finished  {tool} {item.ToolStatus}{took}, {item.Tokens ?? 0} tokens{error}");
                    break;
                case JobEventType.JobFinished:
                    return item;
            }
        }
        return null;
    }
}
