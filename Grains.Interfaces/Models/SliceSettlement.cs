namespace Grains.Interfaces.Models;

/// <summary>
/// A slice a silo is done with: what it did not use goes back to the budget. <paramref name="LastUsedAfter"/> is
/// the time from asking for the slice to its last use, measured on the silo's own clock (so clock skew between
/// silos never matters); the model grain counts the used part from that moment on instead of the term's end.
/// </summary>
public sealed record SliceSettlement(long SliceId, int UnusedRequests, long UnusedTokens, TimeSpan? LastUsedAfter);
