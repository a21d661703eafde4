using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Runtime.Membership;

namespace Runtime.Tests.Grains;

public sealed partial class TraceGrain(ClusterView view, ILogger<TraceGrain> logger) : Grain, ITraceGrain
{
    public Task<TraceReport> Report() => Task.FromResult(LogAndReport());

    public async IAsyncEnumerable<TraceReport> ReportEach(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return LogAndReport();
        }
    }

    private TraceReport LogAndReport()
    {
        LogTracedCall(logger, GetPrimaryKeyString());
        var activity = Activity.Current;
        return new TraceReport(view.Self!.Endpoint, activity?.TraceId.ToHexString(), activity?.SpanId.ToHexString(), activity?.ParentSpanId.ToHexString());
    }

    [LoggerMessage(LogLevel.Information, "Traced call to {Key}")]
    private static partial void LogTracedCall(ILogger logger, string key);
}
