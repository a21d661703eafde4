using Runtime;

namespace Grains.Interfaces.Jobs;

/// <summary>
/// Runs one tool call through the model layer (or as code). Keyed per job and call, so the calls of a job are
/// placed across the cluster's silos and run concurrently.
/// </summary>
public interface IToolGrain : IGrainWithStringKey
{
    IAsyncEnumerable<ToolProgress> Run(ToolRun run, CancellationToken cancellationToken = default);
}
