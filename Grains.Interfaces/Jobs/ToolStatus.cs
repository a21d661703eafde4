namespace Grains.Interfaces.Jobs;

public enum ToolStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
}
