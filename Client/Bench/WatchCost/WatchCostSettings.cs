using Client.Bench.Overhead;

namespace Client.Bench.WatchCost;

/// <summary>
/// How the cost-of-watching bench runs: <see cref="Starts"/> times a fresh pair of silos, each measured in
/// <see cref="Pairs"/> pairs of one <see cref="Slice"/> per silo after warm-up rounds of <see cref="WarmupRound"/>
/// per silo. A scraper or dashboard interval of zero leaves it out.
/// </summary>
internal sealed record WatchCostSettings(
    int Starts,
    int Pairs,
    TimeSpan Slice,
    int Concurrency,
    TimeSpan ScrapeEvery,
    TimeSpan DashboardEvery,
    TimeSpan WarmupRound,
    int OutputTokens,
    CacheMode Cache,
    int MaxRequestsPerSlice,
    bool Calibrate,
    bool RebuildStaleSilo)
{
    /// <summary>Configuration that turns telemetry off: no meter listener, no measured providers, no /metrics.</summary>
    public const string TelemetryOff = "--Telemetry:Enabled=false";

    /// <summary>Settings of the watched silo: telemetry on as shipped, or off too in a calibration run.</summary>
    public IEnumerable<string> WatchedSiloArguments => Calibrate ? [.. ModelArguments, TelemetryOff] : ModelArguments;

    public IEnumerable<string> UnwatchedSiloArguments => [.. ModelArguments, TelemetryOff];

    /// <summary>Longest the measured part can take, warm-up aside; slices end on time, requests in flight finish.</summary>
    public TimeSpan MeasuredTime => Slice * 2 * Pairs * Starts;

    private IEnumerable<string> ModelArguments => OverheadSettings.SimulatedModelArguments(OutputTokens);
}
