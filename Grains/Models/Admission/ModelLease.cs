namespace Grains.Models.Admission;

/// <summary>What an admitted call holds until it completes: its budget handles and reservation.</summary>
internal sealed record ModelLease(long Id, object? RequestHandle, object? TokenHandle, int ReservedTokens, bool IsCircuitTrial, DateTimeOffset Started);
