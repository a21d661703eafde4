using System.Diagnostics.Metrics;

namespace Silo.Observability;

/// <summary>
/// Bucket bounds per instrument: the instrument's own advice when it gives some, else bounds by unit. The
/// millisecond bounds start well below 1 ms because a silo in front of a fast model answers in fractions of one.
/// </summary>
internal static class HistogramBuckets
{
    private static readonly double[] Milliseconds =
        [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];

    private static readonly double[] Seconds = [.. Milliseconds.Select(b => b / 1000)];

    private static readonly double[] Plain = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

    public static double[] For(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        if (advised is { Length: > 0 })
        {
            return [.. advised.Where(double.IsFinite).Distinct().Order()];
        }
        return instrument.Unit switch
        {
            "ms" => Milliseconds,
            "s" => Seconds,
            _ => Plain,
        };
    }
}
