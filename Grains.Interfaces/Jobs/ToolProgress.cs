namespace Grains.Interfaces.Jobs;

/// <summary>A tool's progress (tokens so far), or, last, its output.</summary>
public sealed record ToolProgress(int Tokens, string? Model, string? Output, bool Done);
