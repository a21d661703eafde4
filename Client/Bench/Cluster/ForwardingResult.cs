using Client.Bench.Overhead;

namespace Client.Bench.Cluster;

/// <summary>The same calls sent straight to the grain's owner and to a silo that relays them to the owner, at concurrency 1.</summary>
/// <param name="Kind">grain-call (cluster client to the grain transport) or session-read (GET on the HTTP API).</param>
internal sealed record ForwardingResult(string Kind, int Pairs, LatencyPercentiles? Direct, LatencyPercentiles? Forwarded, int Errors, string? FirstError)
{
    /// <summary>What the relay adds at the median, in ms.</summary>
    public double? AddedP50Ms => Forwarded?.P50 - Direct?.P50;

    public double? AddedP99Ms => Forwarded?.P99 - Direct?.P99;

    /// <summary>Forwarded over direct at the median.</summary>
    public double? RatioP50 => Direct is { P50: > 0 } direct ? Forwarded?.P50 / direct.P50 : null;
}
