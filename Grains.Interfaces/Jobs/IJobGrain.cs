using Runtime;

namespace Grains.Interfaces.Jobs;

/// <summary>A job (key: tenant/job id): fans its tool calls out, records every step, survives deactivation.</summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Records the job durably and starts it; returns at once.</summary>
    Task<JobView> Start(JobSpec spec);

    /// <summary>Null when no job was started under this key.</summary>
    [AlwaysInterleave]
    Task<JobView?> Get();

    /// <summary>Events after <paramref name="afterSequence"/> (0 for all), then new ones as they happen, until the job ends.</summary>
    [AlwaysInterleave]
    IAsyncEnumerable<JobEvent> Events(int afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Cancels the running tools; false when there is no running job.</summary>
    [AlwaysInterleave]
    Task<bool> Cancel();

    /// <summary>The job's work, as a turn of its own (so the activation stays busy, not idle, while it runs).</summary>
    Task Execute();
}
