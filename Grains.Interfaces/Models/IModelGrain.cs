using Runtime;

namespace Grains.Interfaces.Models;

/// <summary>
/// One per model id: the cluster's source of truth for the model's budgets, circuit and figures.
/// It only admits and accounts; the model call itself runs in the caller, outside this grain's turn.
/// </summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Grants a lease or says why not; with <see cref="AdmissionRequest.WaitUntil"/> it may wait in the queue.</summary>
    Task<AdmissionResult> Admit(AdmissionRequest request, CancellationToken cancellationToken = default);

    Task Complete(CompletionReport report);

    [AlwaysInterleave]
    Task<ModelStatus> GetStatus();
}
