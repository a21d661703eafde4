using System.Collections.Concurrent;
using Grains.Interfaces.Models;
using Microsoft.Extensions.Logging;
using Runtime;
using Runtime.Membership;

namespace Grains.Models.Budgets;

/// <summary>
/// This silo's slices of every model's budget (one <see cref="SliceHolder"/> per model that uses slices). Models
/// configured without slices are always answered with "ask per call".
/// </summary>
public sealed class ModelBudgetSlices(
    IGrainFactory grains, ModelCatalog catalog, ClusterView cluster, TimeProvider time, ILogger<ModelBudgetSlices> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, SliceHolder?> _holders = new(StringComparer.Ordinal);

    /// <summary>Admits one call reserving <paramref name="tokens"/> from a slice, or says why not.</summary>
    public ValueTask<SliceAdmission> TryAdmitAsync(string model, int tokens, CancellationToken cancellationToken = default) =>
        Holder(model) is { } holder ? holder.TryAdmitAsync(tokens, cancellationToken) : ValueTask.FromResult(SliceAdmission.AskPerCall);

    /// <summary>Ends a call admitted from a slice; returns once the model grain knows when the call failed.</summary>
    public Task CompleteAsync(AdmissionTicket ticket, CompletionReport report) =>
        Holder(ticket.Model)!.CompleteAsync(ticket, report);

    /// <summary>Sends every settled slice and recorded call to the model grains and waits until they have them.</summary>
    public Task FlushAsync() => Task.WhenAll(_holders.Values.OfType<SliceHolder>().Select(h => h.FlushAsync()));

    public void Dispose()
    {
        foreach (var holder in _holders.Values)
        {
            holder?.Dispose();
        }
    }

    private SliceHolder? Holder(string model)
    {
        if (_holders.TryGetValue(model, out var holder))
        {
            return holder;
        }
        var created = Create(model);
        var winner = _holders.GetOrAdd(model, created);
        if (!ReferenceEquals(winner, created))
        {
            created?.Dispose();
        }
        return winner;
    }

    private SliceHolder? Create(string model)
    {
        var budget = catalog.Get(model).Budget;
        return budget.UsesSlices ? new SliceHolder(model, grains.GetGrain<IModelGrain>(model), () => cluster.Self?.ToString() ?? "starting", time, budget.SliceTerm, logger) : null;
    }
}
