namespace Silo.Observability;

/// <summary>
/// One labelled series of a family. Mutated only under its family's lock. A histogram keeps per-bucket counts (the
/// last one for values above every bound); cumulative counts and the total are computed when it is written, so the
/// +Inf bucket always equals _count.
/// </summary>
internal sealed class MetricSeries(KeyValuePair<string, object?>[] tags, KeyValuePair<string, string>[] labels, int buckets)
{
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public KeyValuePair<string, string>[] Labels { get; } = labels;

    public double Value { get; set; }

    public double Sum { get; set; }

    public long[]? Counts { get; } = buckets > 0 ? new long[buckets + 1] : null;

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

    public SeriesSnapshot Snapshot() => new(Labels, Value, Counts?.ToArray(), Sum);
}
