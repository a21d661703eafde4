using Grains.Models.Providers.Http;

namespace Grains.Tests.Models.Providers.Http;

/// <summary>The retry hint every provider reads from its error responses.</summary>
public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "2", 2000)]
    [InlineData(null, "0.5", 500)]
    [InlineData("1500", "2", 1500)]
    [InlineData(null, "Thu, 01 Jan 2026 12:00:30 GMT", 30_000)]
    [InlineData(null, "Thu, 01 Jan 2026 11:59:00 GMT", 0)]
    public void Parses_milliseconds_seconds_and_dates(string? retryAfterMs, string? retryAfter, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfterHeader.Parse(retryAfterMs, retryAfter, Now));

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "soon")]
    [InlineData("-5", "-1")]
    public void Missing_or_unreadable_is_null(string? retryAfterMs, string? retryAfter) =>
        Assert.Null(RetryAfterHeader.Parse(retryAfterMs, retryAfter, Now));
}
