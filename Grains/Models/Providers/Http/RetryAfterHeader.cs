using System.Globalization;

namespace Grains.Models.Providers.Http;

/// <summary>
/// Reads a provider's retry hint: <c>retry-after-ms</c> (sent by OpenAI and others for sub-second hints, so
/// preferred), else <c>retry-after</c> as seconds or an HTTP date.
/// </summary>
public static class RetryAfterHeader
{
    public static TimeSpan? From(HttpResponseMessage response, TimeProvider time) =>
        Parse(First(response, "retry-after-ms"), First(response, "retry-after"), time.GetUtcNow());

    public static TimeSpan? Parse(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && double.IsFinite(ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (string.IsNullOrWhiteSpace(retryAfter))
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        // A date in the past means "now", not "never".
        return DateTimeOffset.TryParseExact(retryAfter.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at > now ? at - now : TimeSpan.Zero)
            : null;
    }

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
