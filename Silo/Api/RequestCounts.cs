namespace Silo.Api;

/// <summary>API requests answered in a window: all of them, the failed ones (5xx, and 4xx but 429) and the throttled ones (429).</summary>
public readonly record struct RequestCounts(int Total, int Errors, int Throttled)
{
    public double ErrorRate => Total == 0 ? 0 : (double)Errors / Total;

    public double ThrottleRate => Total == 0 ? 0 : (double)Throttled / Total;
}
