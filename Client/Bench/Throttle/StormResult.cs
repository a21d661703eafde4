using Grains.Models.Statistics;

namespace Client.Bench.Throttle;

/// <summary>The outcome of one storm, seen from the client: every request's latency and whether it succeeded.</summary>
internal sealed record StormResult(string Scenario, int Requests, int Succeeded, TimeSpan Elapsed, double[] SuccessLatenciesMs, long ProviderCalls, long ProviderThrottles)
{
    public double SuccessRate => Requests == 0 ? 0 : (double)Succeeded / Requests;

    public double ProviderThrottleRate => ProviderCalls == 0 ? 0 : (double)ProviderThrottles / ProviderCalls;

    public double GoodputRpm => Succeeded / Elapsed.TotalMinutes;

    public double? P50Ms => Percentile.Of(SuccessLatenciesMs, 0.50);

    public double? P99Ms => Percentile.Of(SuccessLatenciesMs, 0.99);
}
