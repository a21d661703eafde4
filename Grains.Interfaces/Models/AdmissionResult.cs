namespace Grains.Interfaces.Models;

/// <summary>A grant carries a lease id that the caller must hand back in <see cref="CompletionReport"/>.</summary>
public sealed record AdmissionResult(bool Granted, long LeaseId, AdmissionDenial Denial, TimeSpan? RetryAfter, string? Detail = null)
{
    public static AdmissionResult Grant(long leaseId) => new(true, leaseId, AdmissionDenial.None, null);

    public static AdmissionResult Deny(AdmissionDenial denial, TimeSpan? retryAfter, string detail) => new(false, 0, denial, retryAfter, detail);
}
