namespace Grains.Interfaces.Jobs;

public enum JobEventType
{
    JobStarted,
    ToolStarted,
    ToolProgress,
    ToolFinished,
    JobFinished,
}
