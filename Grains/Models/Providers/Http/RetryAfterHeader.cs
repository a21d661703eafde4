namespace Grains.Models.Providers.Http;

/// <summary>
/// Reads a provider's retry hint: <c>retry-after-ms</c> (sent by some APIs for sub-second hints), else
/// <c>retry-after</c> as seconds or an HTTP date.
/// </summary>
public static class RetryAfterHeader
{
    public static TimeSpan? From(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var millis)
            && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
