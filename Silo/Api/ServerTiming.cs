using System.Globalization;
using Grains.Interfaces.Sessions;

namespace Silo.Api;

/// <summary>The stages of a request in the Server-Timing header's syntax (durations in milliseconds).</summary>
internal static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static string Format(StageTimings timings) => string.Join(", ",
        Entry("admission", timings.AdmissionMs),
        Entry("cache", timings.CacheMs),
        Entry("ttft", timings.ModelTtftMs ?? 0),
        Entry("model", timings.ModelMs),
        Entry("persist", timings.PersistenceMs),
        Entry("total", timings.TotalMs));

    private static string Entry(string name, double milliseconds) => $"{name};dur={milliseconds.ToString("0.###", CultureInfo.InvariantCulture)}";
}
