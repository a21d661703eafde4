using System.Diagnostics.Metrics;

namespace Grains.Diagnostics;

/// <summary>The session grains' meter: how long a turn waits for its writes before the final event goes out.</summary>
public static class SessionInstruments
{
    public const string MeterName = "Grains.Sessions";
    public const string PersistDuration = "session.persist.duration";

    public static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> PersistHistogram = Meter.CreateHistogram<double>(PersistDuration, "ms",
        "Time from the end of the model's answer until the turn is durable (user message and answer written).");

    public static void RecordPersist(double milliseconds) => PersistHistogram.Record(milliseconds);
}
