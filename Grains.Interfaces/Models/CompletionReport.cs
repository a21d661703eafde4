namespace Grains.Interfaces.Models;

/// <summary>How an admitted call ended: the unused part of its reservation is refunded and its figures recorded.</summary>
public sealed record CompletionReport(
    long LeaseId,
    CallOutcome Outcome,
    int TokensUsed,
    double LatencyMs,
    double? TimeToFirstTokenMs);
