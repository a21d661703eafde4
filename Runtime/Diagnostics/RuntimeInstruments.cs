using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Runtime.Diagnostics;

/// <summary>The runtime's meter and activity source; instrument names are public so exporters and tests can find them.</summary>
public static class RuntimeInstruments
{
    public const string MeterName = "Runtime";
    public const string ActivitySourceName = "Runtime";
    public const string Activations = "runtime.activations";
    public const string Deactivations = "runtime.deactivations";
    public const string GrainCallDuration = "runtime.grain_call.duration";
    public const string ActiveActivations = "runtime.activations.active";

    /// <summary>
    /// The operation name of a grain call that crosses silos: a client span on the caller, a server span on the owner.
    /// Fixed, so starting one allocates no name; the display name says which grain method it was.
    /// </summary>
    public const string GrainCallActivity = "runtime.grain_call";

    public static readonly Meter Meter = new(MeterName);
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static readonly Counter<long> ActivationsCreated = Meter.CreateCounter<long>(Activations, "{activation}", "Activations created, by grain type.");
    public static readonly Counter<long> ActivationsEnded = Meter.CreateCounter<long>(Deactivations, "{activation}", "Activations deactivated, by grain type and reason.");
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(GrainCallDuration, "ms", "Grain call duration inside the silo, from dispatch to result.");

    // The silos running in this process (one, except in tests and benchmarks), read when the gauge is observed.
    private static readonly ConcurrentDictionary<SiloStatistics, byte> Silos = new();

    public static readonly ObservableGauge<int> ActivationsActive = Meter.CreateObservableGauge(
        ActiveActivations, ObserveActivations, "{activation}", "Activations alive now, by grain type.");

    /// <summary>Counts the activations of a silo in <see cref="ActivationsActive"/> until the result is disposed.</summary>
    internal static IDisposable Observe(SiloStatistics silo)
    {
        Silos.TryAdd(silo, 0);
        return new Unobserve(silo);
    }

    private static IEnumerable<Measurement<int>> ObserveActivations() =>
        Silos.Keys.SelectMany(silo => silo.ActivationsByType())
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(type => new Measurement<int>(type.Sum(pair => pair.Value), new KeyValuePair<string, object?>("grain_type", type.Key)));

    private sealed class Unobserve(SiloStatistics silo) : IDisposable
    {
        public void Dispose() => Silos.TryRemove(silo, out _);
    }
}
