using Grains.Interfaces.Models;

namespace Grains.Models.Admission;

/// <summary>A request waiting in a model's queue for budget.</summary>
internal sealed class AdmissionWaiter(AdmissionRequest request, DateTimeOffset deadline)
{
    public AdmissionRequest Request { get; } = request;

    public DateTimeOffset Deadline { get; } = deadline;

    public TaskCompletionSource<AdmissionResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
