using Runtime;

namespace Grains.Interfaces.Models;

/// <summary>
/// One per model id: the cluster's source of truth for the model's budgets, circuit and figures.
/// It only admits and accounts; the model call itself runs in the caller, outside this grain's turn. Silos usually
/// admit from a slice of the budget leased from here (<see cref="LeaseSlice"/>) and ask call by call only when
/// no slice can be had.
/// </summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Grants a lease or says why not; with <see cref="AdmissionRequest.WaitUntil"/> it may wait in the queue.</summary>
    Task<AdmissionResult> Admit(AdmissionRequest request, CancellationToken cancellationToken = default);

    Task Complete(CompletionReport report);

    /// <summary>
    /// Settles the silo's finished slices, records the calls made under them and, when asked, leases a new slice:
    /// how silos admit calls without a network hop per call.
    /// </summary>
    Task<BudgetSlice> LeaseSlice(SliceLeaseRequest request);

    [AlwaysInterleave]
    Task<ModelStatus> GetStatus();
}
