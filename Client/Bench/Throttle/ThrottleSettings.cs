namespace Client.Bench.Throttle;

/// <summary>
/// The storm: requests arrive at <see cref="StormFactor"/> times the primary model's quota for
/// <see cref="Duration"/>; a fallback model with its own quota stands by.
/// </summary>
internal sealed record ThrottleSettings(
    TimeSpan Duration,
    int PrimaryQuotaRpm,
    int FallbackQuotaRpm,
    double StormFactor,
    double BudgetShare,
    int MaxAttempts,
    TimeSpan QueueTimeout,
    double TtftMs)
{
    public const string Primary = "storm-large";
    public const string Fallback = "storm-small";

    public int Requests => (int)Math.Round(PrimaryQuotaRpm * StormFactor * Duration.TotalMinutes);

    public Dictionary<string, string?> SiloConfiguration(string provider) => new()
    {
        [$"Models:{Primary}:Provider"] = provider,
        [$"Models:{Primary}:TtftMs"] = Invariant(TtftMs),
        [$"Models:{Primary}:TtftJitterMs"] = Invariant(TtftMs / 4),
        [$"Models:{Primary}:TokensPerSecond"] = "0",
        [$"Models:{Primary}:OutputTokens"] = "20",
        [$"Models:{Primary}:QuotaRequestsPerMinute"] = Invariant(PrimaryQuotaRpm),
        [$"Models:{Primary}:Budget:RequestsPerMinute"] = Invariant(Math.Floor(PrimaryQuotaRpm * BudgetShare)),
        [$"Models:{Primary}:Fallbacks:0"] = Fallback,
        [$"Models:{Fallback}:Provider"] = provider,
        [$"Models:{Fallback}:TtftMs"] = Invariant(TtftMs / 2),
        [$"Models:{Fallback}:TtftJitterMs"] = Invariant(TtftMs / 8),
        [$"Models:{Fallback}:TokensPerSecond"] = "0",
        [$"Models:{Fallback}:OutputTokens"] = "20",
        [$"Models:{Fallback}:QuotaRequestsPerMinute"] = Invariant(FallbackQuotaRpm),
        [$"Models:{Fallback}:Budget:RequestsPerMinute"] = Invariant(Math.Floor(FallbackQuotaRpm * BudgetShare)),
        ["Retry:MaxAttempts"] = Invariant(MaxAttempts),
        ["Retry:QueueTimeout"] = QueueTimeout.ToString("c"),
    };

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
