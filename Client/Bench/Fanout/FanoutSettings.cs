namespace Client.Bench.Fanout;

/// <summary>
/// The fan-out bench: <see cref="TimeScale"/> shrinks every simulated latency alike (1 = the seeds' seconds),
/// each scenario runs <see cref="Runs"/> times, and the batch is <see cref="Slides"/> slides of the slides set
/// with at most <see cref="BatchCap"/> tools in flight.
/// </summary>
internal sealed record FanoutSettings(double TimeScale, int Runs, int Slides, int BatchCap);
