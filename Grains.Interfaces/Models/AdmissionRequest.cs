namespace Grains.Interfaces.Models;

/// <summary>
/// Asks a model for room to run one call: one request, <see cref="MaxTokens"/> reserved up front
/// (input estimate plus the output cap) and a concurrency slot.
/// </summary>
/// <param name="WaitUntil">If budget is short, wait in the model's queue until this time; null means answer now.</param>
public sealed record AdmissionRequest(string Tenant, int MaxTokens, RequestPriority Priority = RequestPriority.Standard, DateTimeOffset? WaitUntil = null);
