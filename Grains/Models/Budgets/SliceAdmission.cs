using Grains.Interfaces.Models;

namespace Grains.Models.Budgets;

/// <summary>
/// What a silo's slices say about one call: admitted (<see cref="Ticket"/>), refused for a reason the model grain
/// gave (<see cref="Denied"/>), or neither: ask the model grain for this call.
/// </summary>
public readonly record struct SliceAdmission(AdmissionTicket? Ticket, AdmissionResult? Denied)
{
    public static SliceAdmission AskPerCall => default;
}
