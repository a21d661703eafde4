using Grains.Interfaces.Jobs;
using Spectre.Console;

namespace Client.Jobs;

/// <summary>One tool's live bar: tokens against the tool's cap when known (else a pulsing bar), coloured by outcome.</summary>
internal sealed class ToolBar
{
    public const string TokensKey = "tokens";
    public const string LimitKey = "limit";
    public const string StatusKey = "status";

    private readonly ProgressTask _task;
    private readonly string _tool;
    private readonly int? _limit;

    private ToolBar(ProgressTask task, string tool, int? limit)
    {
        _task = task;
        _tool = tool;
        _limit = limit;
        task.State.Update<int>(LimitKey, _ => limit ?? 0);
        task.State.Update<ToolStatus>(StatusKey, _ => ToolStatus.Pending);
    }

    public static ToolBar Add(ProgressContext context, string tool)
    {
        var limit = ToolTokenLimits.For(tool);
        return new ToolBar(context.AddTask(Markup.Escape(tool), autoStart: false, maxValue: limit ?? 1), tool, limit);
    }

    public void Start()
    {
        _task.State.Update<ToolStatus>(StatusKey, _ => ToolStatus.Running);
        _task.IsIndeterminate = _limit is null;
        _task.StartTask();
    }

    public void Progress(int tokens)
    {
        _task.State.Update<int>(TokensKey, _ => tokens);
        if (_limit is { } limit)
        {
            // Short of full: a full bar would read as finished, and the tool is only done at tool.finished.
            _task.Value = Math.Min(tokens, limit - 1);
        }
    }

    public void Finish(ToolStatus status, int? tokens)
    {
        if (tokens is { } count)
        {
            _task.State.Update<int>(TokensKey, _ => count);
        }
        _task.State.Update<ToolStatus>(StatusKey, _ => status);
        _task.Description = $"[{StatusColours.Of(status)}]{Markup.Escape(_tool)}[/]";
        _task.IsIndeterminate = false;
        if (status == ToolStatus.Succeeded)
        {
            _task.Value = _task.MaxValue;
        }
        _task.StopTask();
    }
}
