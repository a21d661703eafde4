namespace Grains.Interfaces.Models;

/// <summary>
/// Rolling figures over the model's recent window, and the prompt-cache tokens (read from and written to the
/// provider's cache) summed since the model grain activated.
/// </summary>
public sealed record ModelStats(
    long Calls,
    double SuccessRate,
    double ThrottleRate,
    double ErrorRate,
    double? LatencyP50Ms,
    double? LatencyP90Ms,
    double? LatencyP99Ms,
    double? TtftP50Ms,
    double? TtftP90Ms,
    double? TtftP99Ms,
    TimeSpan Window,
    long CacheReadTokens = 0,
    long CacheWriteTokens = 0);
