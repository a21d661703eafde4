using Grains.Interfaces.Jobs;

namespace Client.Jobs;

/// <summary>Shows a running job's tools as its events arrive: live bars on a terminal, plain lines otherwise.</summary>
internal interface IJobProgressView
{
    /// <summary>Follows <paramref name="events"/> to the end and returns the job.finished event (null if none came).</summary>
    Task<JobEvent?> FollowAsync(IReadOnlyList<ToolOutcome> tools, IAsyncEnumerable<JobEvent> events, CancellationToken cancellationToken);
}
