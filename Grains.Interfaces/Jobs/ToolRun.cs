namespace Grains.Interfaces.Jobs;

/// <summary>One tool call handed to a tool grain.</summary>
public sealed record ToolRun(string Tool, IReadOnlyDictionary<string, string> Input, string Tenant);
