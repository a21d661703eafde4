using Grains.Models.Configuration;

namespace Grains.Models;

/// <summary>Exponential backoff with full jitter: a uniform delay in [0, min(cap, base·2^attempt)].</summary>
public sealed class FullJitterBackoff(RetryOptions options, Random random)
{
    public TimeSpan Delay(int attempt, TimeSpan? atLeast = null)
    {
        var ceiling = Math.Min(options.MaxDelay.Ticks, options.BaseDelay.Ticks * Math.Pow(2, Math.Min(attempt, 30)));
        long jittered;
        lock (random)
        {
            jittered = random.NextInt64(0, (long)ceiling + 1);
        }
        var delay = TimeSpan.FromTicks(jittered);
        // A provider's retry-after is honoured, but never beyond the cap.
        return atLeast is { } floor && floor > delay ? (floor > options.MaxDelay ? options.MaxDelay : floor) : delay;
    }
}
