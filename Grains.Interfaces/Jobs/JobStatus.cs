namespace Grains.Interfaces.Jobs;

/// <summary>Completed: every tool succeeded. Partial: some did. Failed: none did. Cancelled: stopped on request.</summary>
public enum JobStatus
{
    Running,
    Completed,
    Partial,
    Failed,
    Cancelled,
}
