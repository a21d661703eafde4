namespace Silo.Observability;

/// <summary>
/// One labelled series of a family, updated without a lock and in stripes: each processor adds into a stripe of
/// its own (its bucket counts, sum and total, padded apart from the next stripe), so two cores recording the same
/// series do not pass one cache line back and forth on every measurement; a snapshot adds the stripes up. Updates
/// are atomic each, so a scrape taken while values are recorded may see a histogram's count one measurement ahead
/// of its sum, never a lost measurement. A histogram keeps per-bucket counts (the last one for values above every
/// bound); cumulative counts and the total are computed when it is written, so the +Inf bucket always equals _count.
/// </summary>
internal sealed class MetricSeries
{
    // Eight longs: a 64-byte cache line on each side of a stripe's counts, so that neither the next stripe nor any
    // object the heap happens to place before or after the array shares a line with them.
    private const int Padding = 8;
    private static readonly int StripeCount = Math.Clamp(Environment.ProcessorCount, 1, 16);

    private readonly long[][] _stripes;
    private readonly int _buckets;
    private double _value;

    public MetricSeries(KeyValuePair<string, object?>[] tags, KeyValuePair<string, string>[] labels, int buckets)
    {
        Tags = tags;
        Labels = labels;
        // Per stripe: a count per bucket and one for the overflow (histograms only), then the sum (or the total of
        // a counter) as the bits of a double.
        _buckets = buckets > 0 ? buckets + 1 : 0;
        _stripes = new long[StripeCount][];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new long[Padding + _buckets + 1 + Padding];
        }
    }

    public KeyValuePair<string, object?>[] Tags { get; }

    public KeyValuePair<string, string>[] Labels { get; }

    /// <summary>Adds <paramref name="value"/> to the series' total (counters, up-down counters).</summary>
    public void Add(double value) => AddTo(ref Stripe()[Padding + _buckets], value);

    /// <summary>Replaces the series' value (gauges, observable instruments): one value, not striped.</summary>
    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Counts <paramref name="value"/> in bucket <paramref name="bucket"/> of a histogram.</summary>
    public void Observe(int bucket, double value)
    {
        var stripe = Stripe();
        Interlocked.Increment(ref stripe[Padding + bucket]);
        AddTo(ref stripe[Padding + _buckets], value);
    }

    /// <summary>Same tags as <paramref name="tags"/>, in any order.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }
        foreach (var tag in tags)
        {
            var found = false;
            foreach (var own in Tags)
            {
                if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal) && Equals(own.Value, tag.Value))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                return false;
            }
        }
        return true;
    }

    /// <param name="additive">Whether the value is the stripes' total (counters) rather than the last one set (gauges).</param>
    public SeriesSnapshot Snapshot(bool additive)
    {
        var counts = _buckets > 0 ? new long[_buckets] : null;
        var total = 0.0;
        foreach (var stripe in _stripes)
        {
            for (var i = 0; i < _buckets; i++)
            {
                counts![i] += Interlocked.Read(ref stripe[Padding + i]);
            }
            total += BitConverter.Int64BitsToDouble(Interlocked.Read(ref stripe[Padding + _buckets]));
        }
        var histogram = counts is not null;
        return new SeriesSnapshot(Labels, histogram ? 0 : additive ? total : Volatile.Read(ref _value), counts, histogram ? total : 0);
    }

    private long[] Stripe() => _stripes[Thread.GetCurrentProcessorId() % _stripes.Length];

    private static void AddTo(ref long bits, double value)
    {
        var current = Volatile.Read(ref bits);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            // Compared as bits, so a NaN total cannot make the loop spin forever.
            var seen = Interlocked.CompareExchange(ref bits, next, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
