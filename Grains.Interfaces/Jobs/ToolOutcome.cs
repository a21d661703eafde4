namespace Grains.Interfaces.Jobs;

/// <summary>Where one tool call of a job stands, and its result once it has one.</summary>
public sealed record ToolOutcome(
    int Index,
    string Tool,
    ToolStatus Status,
    string? Output = null,
    string? Model = null,
    double? DurationMs = null,
    int Tokens = 0,
    string? Error = null);
