namespace Silo.Observability;

/// <summary>
/// One labelled series of a family. Each thread adds into a cell of its own (<see cref="ThreadSlot"/>: one writer per
/// cell, so plain stores, no atomic instruction and no cache line passed between cores); a snapshot adds the cells
/// up. A scrape taken while values are recorded may see a histogram's count one measurement ahead of its sum, never
/// a lost measurement, and the cells of threads that ended stay counted. A histogram keeps per-bucket counts (the
/// last one for values above every bound); cumulative counts and the total are computed when it is written, so the
/// +Inf bucket always equals _count.
/// </summary>
internal sealed class MetricSeries
{
    // Eight longs: a 64-byte cache line on each side of a cell's counts, so that no other thread's cell, or any
    // object the heap places next to it, shares a line with them.
    private const int Padding = 8;

    private readonly int _buckets;
    private readonly Lock _growing = new();
    private long[]?[] _cells = new long[]?[Environment.ProcessorCount * 4];
    private double _value;

    public MetricSeries(KeyValuePair<string, object?>[] tags, KeyValuePair<string, string>[] labels, int buckets)
    {
        Tags = tags;
        Labels = labels;
        // Per cell: a count per bucket and one for the overflow (histograms only), then the sum (or the total of a
        // counter) as the bits of a double.
        _buckets = buckets > 0 ? buckets + 1 : 0;
    }

    public KeyValuePair<string, object?>[] Tags { get; }

    public KeyValuePair<string, string>[] Labels { get; }

    /// <summary>Adds <paramref name="value"/> to the series' total (counters, up-down counters).</summary>
    public void Add(double value) => AddTo(ref Cell()[Padding + _buckets], value);

    /// <summary>Replaces the series' value (gauges, observable instruments): one value, not per thread.</summary>
    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Counts <paramref name="value"/> in bucket <paramref name="bucket"/> of a histogram.</summary>
    public void Observe(int bucket, double value)
    {
        var cell = Cell();
        ref var count = ref cell[Padding + bucket];
        Volatile.Write(ref count, count + 1);
        AddTo(ref cell[Padding + _buckets], value);
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

    /// <param name="additive">Whether the value is the cells' total (counters) rather than the last one set (gauges).</param>
    public SeriesSnapshot Snapshot(bool additive)
    {
        var counts = _buckets > 0 ? new long[_buckets] : null;
        var total = 0.0;
        foreach (var cell in Volatile.Read(ref _cells))
        {
            if (cell is null)
            {
                continue;
            }
            for (var i = 0; i < _buckets; i++)
            {
                counts![i] += Volatile.Read(ref cell[Padding + i]);
            }
            total += BitConverter.Int64BitsToDouble(Volatile.Read(ref cell[Padding + _buckets]));
        }
        var histogram = counts is not null;
        return new SeriesSnapshot(Labels, histogram ? 0 : additive ? total : Volatile.Read(ref _value), counts, histogram ? total : 0);
    }

    private long[] Cell()
    {
        var slot = ThreadSlot.Current;
        var cells = Volatile.Read(ref _cells);
        return (uint)slot < (uint)cells.Length && cells[slot] is { } cell ? cell : AddCell(slot);
    }

    private long[] AddCell(int slot)
    {
        // Cells are only made and the array only grown under the lock, so a grown copy holds every cell made so far.
        lock (_growing)
        {
            var cells = _cells;
            if (slot >= cells.Length)
            {
                Array.Resize(ref cells, Math.Max(slot + 1, cells.Length * 2));
            }
            var cell = cells[slot] ??= new long[Padding + _buckets + 1 + Padding];
            Volatile.Write(ref _cells, cells);
            return cell;
        }
    }

    // Only the cell's own thread writes it; the volatile store keeps a reader from seeing a torn or stale total.
    private static void AddTo(ref long bits, double value) =>
        Volatile.Write(ref bits, BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(bits) + value));
}
