using Grains.Interfaces.Models;

namespace Grains.Models;

/// <summary>
/// No candidate model could take the request in time: budgets spent until the deadline, or every circuit open.
/// Maps to HTTP 429 (budget) or 503 (circuits), with <see cref="RetryAfter"/> when known.
/// </summary>
public sealed class ModelUnavailableException(string message, AdmissionDenial reason, TimeSpan? retryAfter) : Exception(message)
{
    /// <summary>For the grain transport, which rebuilds exceptions from their message.</summary>
    public ModelUnavailableException(string message) : this(message, AdmissionDenial.None, null) { }

    public AdmissionDenial Reason { get; } = reason;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
