using System.Diagnostics.Metrics;
using Grains.Interfaces.Jobs;

namespace Grains.Diagnostics;

/// <summary>
/// The jobs' meter. The number of jobs executing in this process is also kept as a plain counter, so the dashboard
/// can show it when no meter listener runs (Telemetry:Enabled=false).
/// </summary>
public static class JobInstruments
{
    public const string MeterName = "Grains.Jobs";
    public const string Started = "jobs.started";
    public const string Finished = "jobs.finished";
    public const string InFlight = "jobs.in_flight";
    public const string ToolDuration = "jobs.tool.duration";

    public static readonly Meter Meter = new(MeterName);

    private static long _inFlight;
    private static long _started;

    private static readonly Counter<long> StartedCounter = Meter.CreateCounter<long>(Started, "{job}", "Jobs accepted.");
    private static readonly Counter<long> FinishedCounter = Meter.CreateCounter<long>(Finished, "{job}", "Jobs finished, by final status.");
    private static readonly Histogram<double> ToolHistogram = Meter.CreateHistogram<double>(ToolDuration, "ms", "Duration of one tool call of a job, by tool and status.");

    static JobInstruments() =>
        Meter.CreateObservableUpDownCounter(InFlight, () => Interlocked.Read(ref _inFlight), "{job}", "Jobs executing in this silo now.");

    /// <summary>Jobs executing in this process now.</summary>
    public static long Running => Interlocked.Read(ref _inFlight);

    /// <summary>Jobs accepted by this process since it started.</summary>
    public static long Accepted => Interlocked.Read(ref _started);

    public static void JobAccepted()
    {
        Interlocked.Increment(ref _started);
        StartedCounter.Add(1);
    }

    public static void ExecutionStarted() => Interlocked.Increment(ref _inFlight);

    public static void ExecutionEnded() => Interlocked.Decrement(ref _inFlight);

    public static void JobFinished(JobStatus status) => FinishedCounter.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));

    public static void ToolFinished(string tool, ToolStatus status, double milliseconds) =>
        ToolHistogram.Record(milliseconds, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("status", status.ToString()));
}
