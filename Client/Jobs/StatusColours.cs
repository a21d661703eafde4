using Grains.Interfaces.Jobs;

namespace Client.Jobs;

/// <summary>One colour per outcome, shared by the bars and the final table so both read the same way.</summary>
internal static class StatusColours
{
    public static string Of(ToolStatus status) => status switch
    {
        ToolStatus.Succeeded => "green",
        ToolStatus.Running => "yellow",
        ToolStatus.Failed or ToolStatus.TimedOut => "red",
        _ => "grey",
    };

    public static string Of(JobStatus status) => status switch
    {
        JobStatus.Completed => "green",
        JobStatus.Running => "yellow",
        JobStatus.Partial => "darkorange",
        JobStatus.Failed => "red",
        _ => "grey",
    };
}
