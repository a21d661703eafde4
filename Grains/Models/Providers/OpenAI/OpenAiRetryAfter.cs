using System.Globalization;
using System.Net.Http.Headers;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// Reads how long the server asked us to wait: OpenAI's <c>retry-after-ms</c> (more precise, so preferred),
/// else the standard <c>retry-after</c> as seconds or an HTTP date.
/// </summary>
internal static class OpenAiRetryAfter
{
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now) =>
        Parse(First(headers, "retry-after-ms"), First(headers, "retry-after"), now);

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

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
