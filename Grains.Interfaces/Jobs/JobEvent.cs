namespace Grains.Interfaces.Jobs;

/// <summary>One step of a job's progress; <see cref="Sequence"/> lets a late subscriber ask for what it missed.</summary>
public sealed record JobEvent(
    int Sequence,
    JobEventType Type,
    DateTimeOffset At,
    int? ToolIndex = null,
    string? Tool = null,
    ToolStatus? ToolStatus = null,
    int? Tokens = null,
    double? DurationMs = null,
    string? Error = null,
    JobStatus? JobStatus = null);
