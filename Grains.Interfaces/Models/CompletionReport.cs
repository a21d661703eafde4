namespace Grains.Interfaces.Models;

/// <summary>
/// How an admitted call ended: the unused part of its reservation is refunded and its figures recorded, with the
/// input tokens the provider read from and wrote to its prompt cache.
/// </summary>
public sealed record CompletionReport(
    long LeaseId,
    CallOutcome Outcome,
    int TokensUsed,
    double LatencyMs,
    double? TimeToFirstTokenMs,
    long CacheReadTokens = 0,
    long CacheWriteTokens = 0);
