using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Silo.Observability;

/// <summary>
/// Listens to the project's meters (a <see cref="MeterListener"/>, no exporter library) and keeps cumulative values
/// for <c>GET /metrics</c>. Started with the host so nothing measured before the first scrape is lost.
/// </summary>
internal sealed class MetricsCollector : IHostedService, IDisposable
{
    private readonly HashSet<string> _meters;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();
    private readonly Lock _collecting = new();
    private readonly Lock _publishing = new();
    private readonly HashSet<Instrument> _takenOver = [];

    public MetricsCollector(IEnumerable<string> meterNames)
    {
        _meters = new HashSet<string>(meterNames, StringComparer.Ordinal);
        _listener.InstrumentPublished = OnPublished;
        _listener.SetMeasurementEventCallback<double>(static (i, m, t, s) => ((MetricFamily)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<float>(static (i, m, t, s) => ((MetricFamily)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<long>(static (i, m, t, s) => ((MetricFamily)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<int>(static (i, m, t, s) => ((MetricFamily)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<short>(static (i, m, t, s) => ((MetricFamily)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<byte>(static (i, m, t, s) => ((MetricFamily)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<decimal>(static (i, m, t, s) => ((MetricFamily)s!).Record((double)m, t));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the observable instruments, then every family, sorted by name.</summary>
    public IReadOnlyList<FamilySnapshot> Collect()
    {
        lock (_collecting)
        {
            _listener.RecordObservableInstruments();
            return [.. _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Snapshot())];
        }
    }

    /// <summary>Each family's count of indexed tag identities (<see cref="MetricFamily.Identities"/>), by name.</summary>
    internal IReadOnlyDictionary<string, int> IdentitiesByFamily() => _families.Values.ToDictionary(f => f.Name, f => f.Identities, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    /// <summary>
    /// The family of <paramref name="instrument"/>, for a call site that resolves its series once and records into
    /// them itself (<see cref="MetricFamily.Record(MetricSeries, double)"/>), skipping the listener's dispatch and
    /// lookup per measurement: for the few instruments recorded several times on every request. The listener leaves
    /// the instrument alone from then on, so nothing is counted twice; other listeners (OTLP export) still get what
    /// the call site records through the instrument. Null when the collector does not collect the instrument.
    /// </summary>
    public MetricFamily? TakeOver(Instrument instrument)
    {
        lock (_publishing)
        {
            _takenOver.Add(instrument);
            _listener.DisableMeasurementEvents(instrument);
            return FamilyOf(instrument);
        }
    }

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        // Locked against TakeOver, which could otherwise run between the check and the enabling.
        lock (_publishing)
        {
            if (!_takenOver.Contains(instrument) && FamilyOf(instrument) is { } family)
            {
                listener.EnableMeasurementEvents(instrument, family);
            }
        }
    }

    private MetricFamily? FamilyOf(Instrument instrument)
    {
        if (!_meters.Contains(instrument.Meter.Name) || Classify(instrument) is not { } classified)
        {
            return null;
        }
        var (kind, additive) = classified;
        var name = PrometheusNames.Family(instrument.Name, instrument.Unit, kind);
        var family = _families.GetOrAdd(name, _ => new MetricFamily(
            name, instrument.Description ?? instrument.Name, kind, additive, kind == MetricKind.Histogram ? HistogramBuckets.For(instrument) : null));
        // Two different instruments that map to one name would make one family of mixed meaning: the first one wins.
        return family.Kind == kind && family.Additive == additive ? family : null;
    }

    private static (MetricKind Kind, bool Additive)? Classify(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? (MetricKind.Counter, true)
            : definition == typeof(UpDownCounter<>) ? (MetricKind.Gauge, true)
            : definition == typeof(Histogram<>) ? (MetricKind.Histogram, false)
            : definition == typeof(ObservableCounter<>) ? (MetricKind.Counter, false)
            : definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) ? (MetricKind.Gauge, false)
            : null;
    }
}
