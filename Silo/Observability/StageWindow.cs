using Grains.Models.Statistics;

namespace Silo.Observability;

/// <summary>Recent samples of one measure (bounded ring), summarized over a time window on demand.</summary>
internal sealed class StageWindow(int capacity = 8192)
{
    private readonly (long At, double Value)[] _samples = new (long, double)[capacity];
    private long _next;

    public void Add(long timestamp, double value)
    {
        lock (_samples)
        {
            _samples[_next++ % _samples.Length] = (timestamp, value);
        }
    }

    public double[] Since(long fromTimestamp)
    {
        lock (_samples)
        {
            var count = (int)Math.Min(_next, _samples.Length);
            return [.. _samples.Take(count).Where(s => s.At >= fromTimestamp).Select(s => s.Value).Order()];
        }
    }

    public static Percentiles Summarize(double[] sorted) =>
        new(sorted.Length, Percentile.Of(sorted, 0.5), Percentile.Of(sorted, 0.9), Percentile.Of(sorted, 0.99));
}
