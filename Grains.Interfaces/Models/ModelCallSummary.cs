namespace Grains.Interfaces.Models;

/// <summary>
/// How a request was served: by which model, after how many attempts, with what timings, and how many input
/// tokens the provider read from and wrote to its prompt cache.
/// </summary>
public sealed record ModelCallSummary(
    string Model,
    IReadOnlyList<string> ModelsTried,
    int Attempts,
    int InputTokens,
    int OutputTokens,
    double AdmissionMs,
    double? TimeToFirstTokenMs,
    double TotalMs,
    string? RoutingClass,
    string FinishReason,
    int CacheReadTokens = 0,
    int CacheWriteTokens = 0);
