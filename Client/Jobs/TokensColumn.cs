using Spectre.Console;
using Spectre.Console.Rendering;

namespace Client.Jobs;

/// <summary>A bar's token count, against the tool's cap when the client knows it.</summary>
internal sealed class TokensColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var tokens = task.State.Get<int>(ToolBar.TokensKey);
        var limit = task.State.Get<int>(ToolBar.LimitKey);
        return new Text(limit > 0 ? $"{tokens}/{limit} tok" : $"{tokens} tok");
    }
}
