using Grains.Interfaces.Jobs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Client.Jobs;

/// <summary>A bar's tool status in its colour: pending, running, then how it ended.</summary>
internal sealed class ToolStatusColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var status = task.State.Get<ToolStatus>(ToolBar.StatusKey);
        return new Markup($"[{StatusColours.Of(status)}]{status}[/]");
    }
}
