namespace Grains.Models.Budgets;

/// <summary>
/// Room for one model call: either from a slice this silo holds (<see cref="Slice"/>), or a lease granted by the
/// model grain for this call alone (<see cref="LeaseId"/>). Handed back, with how the call went, when it ends.
/// </summary>
public sealed class AdmissionTicket
{
    internal AdmissionTicket(string model, int reservedTokens, long leaseId, HeldSlice? slice)
    {
        Model = model;
        ReservedTokens = reservedTokens;
        LeaseId = leaseId;
        Slice = slice;
    }

    public string Model { get; }

    public int ReservedTokens { get; }

    public long LeaseId { get; }

    internal HeldSlice? Slice { get; }

    public static AdmissionTicket ForLease(string model, int reservedTokens, long leaseId) => new(model, reservedTokens, leaseId, null);
}
