using Silo.Observability;

namespace Silo.Dashboard;

/// <summary>
/// What the dashboard's live charts plot at each poll: the request rate over the last few seconds, latency and time
/// to first token percentiles over a short window, and the totals of the performance window.
/// </summary>
internal sealed record LiveReadout(
    long At,
    double WindowSeconds,
    int Requests,
    double RequestsPerSecond,
    double ErrorRate,
    double ThrottleRate,
    Percentiles Latency,
    Percentiles TimeToFirstToken,
    bool Telemetry);
