using System.Collections.Concurrent;
using System.Globalization;

namespace Silo.Observability;

/// <summary>
/// The live state of one Prometheus metric family: its series, found by their tags without allocating or locking
/// on the hot path (by the tags' identity, <see cref="TagIdentity"/>: the first few identities in a short array
/// compared in turn, which touches a cache line or two where a hash lookup touches every tag object; the rest in a
/// dictionary; by their values under a lock the first time an identity is seen), and updated without a lock, in
/// per-thread cells (<see cref="MetricSeries"/>). Instruments of the same name
/// from several meter instances (e.g. two in-process silos in a test) share the family, so their measurements add
/// up instead of duplicating series.
/// </summary>
internal sealed class MetricFamily(string name, string help, MetricKind kind, bool additive, double[]? bounds)
{
    // Bounds the identity index: a call site that boxes a new value for every measurement would grow it without
    // end. Past the bound, new identities take the lookup by value, which is slower but just as right.
    private const int MaxIdentities = 1024;

    // Most families see a handful of tag sets (a route's six stages, a model's outcomes): those stay in the array.
    private const int MaxRecent = 8;

    private readonly ConcurrentDictionary<TagIdentity, MetricSeries> _byIdentity = new();
    private KnownIdentity[] _recent = [];
    private readonly Dictionary<int, List<MetricSeries>> _series = [];
    private readonly List<MetricSeries> _ordered = [];
    private readonly Lock _lock = new();
    private int _identities;

    public string Name { get; } = name;

    public MetricKind Kind { get; } = kind;

    /// <summary>Measurements are increments (Counter, UpDownCounter) rather than the current value (observable, Gauge).</summary>
    public bool Additive { get; } = additive;

    /// <summary>Tag identities indexed so far: steady traffic whose call sites pass stable instances adds none.</summary>
    internal int Identities => Volatile.Read(ref _identities);

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Accepts(value))
        {
            var identified = TagIdentity.TryCreate(tags, out var identity);
            Update(identified ? Known(identity) ?? FindOrAdd(tags, identity) : FindOrAdd(tags, null), value);
        }
    }

    /// <summary>The series of <paramref name="tags"/>, for a call site that keeps it and records with <see cref="Record(MetricSeries, double)"/>.</summary>
    public MetricSeries Resolve(ReadOnlySpan<KeyValuePair<string, object?>> tags) => FindOrAdd(tags, null);

    /// <summary>Records <paramref name="value"/> into a series this family resolved.</summary>
    public void Record(MetricSeries series, double value)
    {
        if (Accepts(value))
        {
            Update(series, value);
        }
    }

    // A counter only goes up; a negative increment is a bug in the caller, not something to expose.
    private bool Accepts(double value) => !double.IsNaN(value) && !(Kind == MetricKind.Counter && Additive && value < 0);

    private void Update(MetricSeries series, double value)
    {
        switch (Kind)
        {
            case MetricKind.Histogram:
                var index = Array.BinarySearch(bounds!, value);
                // Bounds are inclusive upper limits (Prometheus "le"): an exact match belongs to that bucket.
                series.Observe(index >= 0 ? index : ~index, value);
                break;
            case MetricKind.Counter or MetricKind.Gauge when Additive:
                series.Add(value);
                break;
            default:
                series.Set(value);
                break;
        }
    }

    public FamilySnapshot Snapshot()
    {
        lock (_lock)
        {
            return new FamilySnapshot(Name, help, Kind, bounds, [.. _ordered.Select(s => s.Snapshot(Additive))]);
        }
    }

    private MetricSeries FindOrAdd(ReadOnlySpan<KeyValuePair<string, object?>> tags, TagIdentity? identity)
    {
        var hash = 0;
        foreach (var tag in tags)
        {
            // Order-insensitive: call sites may pass the same tags in a different order.
            hash += HashCode.Combine(tag.Key, tag.Value);
        }
        lock (_lock)
        {
            var series = Find(hash, tags) ?? Add(hash, tags);
            if (identity is { } known && _identities < MaxIdentities)
            {
                RememberLocked(known, series);
            }
            return series;
        }
    }

    private MetricSeries? Known(in TagIdentity identity)
    {
        foreach (ref readonly var known in Volatile.Read(ref _recent).AsSpan())
        {
            if (known.Identity.Equals(identity))
            {
                return known.Series;
            }
        }
        return _byIdentity.TryGetValue(identity, out var series) ? series : null;
    }

    private void RememberLocked(TagIdentity identity, MetricSeries series)
    {
        if (Known(identity) is not null)
        {
            return;
        }
        if (_recent.Length < MaxRecent)
        {
            // Copied, not changed in place: readers scan the array without the lock.
            Volatile.Write(ref _recent, [.. _recent, new KnownIdentity(identity, series)]);
        }
        else
        {
            _byIdentity.TryAdd(identity, series);
        }
        Volatile.Write(ref _identities, _identities + 1);
    }

    private MetricSeries? Find(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_series.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Matches(tags))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private MetricSeries Add(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
        {
            var label = PrometheusNames.Label(tag.Key);
            // "le" belongs to the histogram's buckets; two tags may sanitize to the same name.
            while ((Kind == MetricKind.Histogram && label == "le") || labels.Any(l => l.Key == label))
            {
                label = "tag_" + label;
            }
            labels.Add(new(label, Text(tag.Value)));
        }
        var series = new MetricSeries(tags.ToArray(), [.. labels], Kind == MetricKind.Histogram ? bounds!.Length : 0);
        if (!_series.TryGetValue(hash, out var list))
        {
            _series[hash] = list = [];
        }
        list.Add(series);
        _ordered.Add(series);
        return series;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private readonly record struct KnownIdentity(TagIdentity Identity, MetricSeries Series);
}
