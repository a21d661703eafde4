using Runtime;

namespace Grains.Interfaces.Models;

/// <summary>
/// Runs model requests through the model layer (routing, budgets, retries, fallback) on the silo that receives
/// them; stateless, so callers anywhere in the cluster or outside it can use the same path.
/// </summary>
public interface ICompletionGrain : IGrainWithStringKey
{
    Task<CompletionResult> Complete(CompletionRequest request, CancellationToken cancellationToken = default);

    IAsyncEnumerable<CompletionChunk> Stream(CompletionRequest request, CancellationToken cancellationToken = default);
}
