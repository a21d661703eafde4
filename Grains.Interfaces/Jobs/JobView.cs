namespace Grains.Interfaces.Jobs;

/// <summary>A job as its owner sees it: status, each tool's outcome, and the makespan once finished.</summary>
public sealed record JobView(
    string Id,
    JobStatus Status,
    JobMode Mode,
    int MaxConcurrency,
    IReadOnlyList<ToolOutcome> Tools,
    DateTimeOffset Created,
    double? MakespanMs);
