using Grains.Diagnostics;
using Runtime.Diagnostics;
using Silo.Api;

namespace Silo.Observability;

/// <summary>The project's meters and activity sources: what /metrics collects and what OTLP exports.</summary>
internal static class TelemetrySources
{
    /// <summary>ASP.NET Core's own source: one activity per HTTP request, the parent of the model calls it makes.</summary>
    public const string AspNetCoreActivitySource = "Microsoft.AspNetCore";

    /// <summary>HttpClient's source: calls to real providers. Grain calls to other silos are the runtime's spans.</summary>
    public const string HttpClientActivitySource = "System.Net.Http";

    public static readonly string[] Meters =
    [
        RuntimeInstruments.MeterName,
        ApiMetrics.MeterName,
        ModelInstruments.MeterName,
        SessionInstruments.MeterName,
        JobInstruments.MeterName,
        CacheInstruments.MeterName,
    ];

    public static readonly string[] ActivitySources =
    [
        AspNetCoreActivitySource,
        HttpClientActivitySource,
        RuntimeInstruments.ActivitySourceName,
        ModelInstruments.ActivitySourceName,
    ];
}
