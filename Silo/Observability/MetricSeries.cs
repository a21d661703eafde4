namespace Silo.Observability;

/// <summary>
/// One labelled series of a family, updated without a lock: increments are atomic each, so a scrape taken while
/// values are recorded may see a histogram's count one measurement ahead of its sum, never a lost measurement. A
/// histogram keeps per-bucket counts (the last one for values above every bound); cumulative counts and the total
/// are computed when it is written, so the +Inf bucket always equals _count.
/// </summary>
internal sealed class MetricSeries(KeyValuePair<string, object?>[] tags, KeyValuePair<string, string>[] labels, int buckets)
{
    private readonly long[]? _counts = buckets > 0 ? new long[buckets + 1] : null;
    private double _value;
    private double _sum;

    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public KeyValuePair<string, string>[] Labels { get; } = labels;

    /// <summary>Adds <paramref name="value"/> to the series' value (counters, up-down counters).</summary>
    public void Add(double value) => AddTo(ref _value, value);

    /// <summary>Replaces the series' value (gauges, observable instruments).</summary>
    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Counts <paramref name="value"/> in bucket <paramref name="bucket"/> of a histogram.</summary>
    public void Observe(int bucket, double value)
    {
        Interlocked.Increment(ref _counts![bucket]);
        AddTo(ref _sum, value);
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

    public SeriesSnapshot Snapshot() => new(Labels, Volatile.Read(ref _value), Counts(), Volatile.Read(ref _sum));

    private long[]? Counts()
    {
        if (_counts is null)
        {
            return null;
        }
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
        }
        return counts;
    }

    private static void AddTo(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + value, current);
            // Compared as bits: NaN never equals itself, and a NaN total would otherwise spin forever.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }
            current = seen;
        }
    }
}
