using System.Runtime.CompilerServices;
using Grains.Interfaces.Models;
using Microsoft.Extensions.AI;
using Runtime;

namespace Grains.Models;

/// <summary>Hands requests to the silo's <see cref="ModelGateway"/>; reentrant, so calls never wait on each other.</summary>
[StatelessWorker]
[Reentrant]
public sealed class CompletionGrain(ModelGateway gateway) : Grain, ICompletionGrain
{
    public async Task<CompletionResult> Complete(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var result = await gateway.CompleteAsync(ToCall(request), cancellationToken);
        return new CompletionResult(result.Text, result.Summary);
    }

    public async IAsyncEnumerable<CompletionChunk> Stream(CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in gateway.StreamAsync(ToCall(request), cancellationToken))
        {
            yield return new CompletionChunk(update.Text, update.Model, update.Summary);
        }
    }

    internal static ModelCallRequest ToCall(CompletionRequest request) => new()
    {
        Model = request.Model,
        Messages = [.. request.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Content))],
        MaxTokens = request.MaxTokens,
        Temperature = request.Temperature,
        Tenant = request.Tenant,
        Priority = request.Priority,
        QueueTimeout = request.QueueTimeout,
    };
}
