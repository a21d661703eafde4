using System.Diagnostics.Metrics;
using Grains.Caching;

namespace Grains.Diagnostics;

/// <summary>The response caches' meter: every lookup's duration, by outcome (its count per outcome gives hit rates).</summary>
public static class CacheInstruments
{
    public const string MeterName = "Grains.Caching";
    public const string LookupDuration = "cache.lookup.duration";

    public static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> LookupHistogram = Meter.CreateHistogram<double>(LookupDuration, "ms",
        "Response cache lookups, by outcome (hit, semantic_hit, miss, bypass).");

    public static void RecordLookup(CacheOutcome outcome, double milliseconds) =>
        LookupHistogram.Record(milliseconds, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            CacheOutcome.Hit => "hit",
            CacheOutcome.SemanticHit => "semantic_hit",
            CacheOutcome.Miss => "miss",
            _ => "bypass",
        }));
}
