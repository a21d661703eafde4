namespace Grains.Interfaces.Jobs;

/// <summary>What a job runs: its tool calls, at once (at most <see cref="MaxConcurrency"/> in flight) or one after another.</summary>
public sealed record JobSpec(IReadOnlyList<ToolCall> Calls, JobMode Mode, int MaxConcurrency);
