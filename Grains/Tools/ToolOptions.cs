using System.ComponentModel.DataAnnotations;

namespace Grains.Tools;

/// <summary>
/// <c>Tools:&lt;name&gt;</c>: an LLM tool (a prompt template with <c>{{field}}</c> placeholders filled from the job's
/// input, a model or <c>auto</c>, an output cap and a timeout), or a built-in code tool (<see cref="Code"/>).
/// </summary>
public sealed class ToolOptions
{
    public string? Prompt { get; set; }

    public string? System { get; set; }

    public string Model { get; set; } = "auto";

    [Range(1, 1_000_000)]
    public int MaxTokens { get; set; } = 1024;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>A built-in code tool instead of a model call, e.g. <c>template-validator</c>.</summary>
    public string? Code { get; set; }

    /// <summary>Run after this tool of the same input group and take its output as input <see cref="InputAs"/>.</summary>
    public string? InputFrom { get; set; }

    public string InputAs { get; set; } = "input";
}
