using Grains.Interfaces.Jobs;

namespace Grains.Jobs;

/// <summary>A job as stored: its spec, each tool's outcome, the lasting events (progress events stay in memory).</summary>
public sealed class JobState
{
    public JobSpec? Spec { get; set; }
    public string Tenant { get; set; } = "";
    public JobStatus Status { get; set; }
    public List<ToolOutcome> Tools { get; set; } = [];
    public List<JobEvent> Events { get; set; } = [];
    public int LastSequence { get; set; }

    /// <summary>
    /// Every event number up to here may have been shown to a subscriber (events are shown before some of them are
    /// stored); after a crash the job numbers its next events from above it, so a number is never used twice.
    /// </summary>
    public int SequenceReserved { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Started { get; set; }
    public double? MakespanMs { get; set; }
    public bool CancelRequested { get; set; }
}
