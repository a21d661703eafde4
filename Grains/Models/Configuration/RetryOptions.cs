using System.ComponentModel.DataAnnotations;

namespace Grains.Models.Configuration;

/// <summary><c>Retry</c>: exponential backoff with full jitter (a random delay in [0, min(cap, base·2^attempt)]).</summary>
public sealed class RetryOptions
{
    public const string Section = "Retry";

    /// <summary>Attempts per request across all candidate models, the first included.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a request may wait for budget when every candidate is short, unless it says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
