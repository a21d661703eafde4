namespace Runtime.Tests.Grains;

public interface ITraceGrain : IGrainWithStringKey
{
    /// <summary>Writes a log record naming its key, and reports the activity it ran in.</summary>
    Task<TraceReport> Report();

    /// <summary>As <see cref="Report"/>, once per item.</summary>
    IAsyncEnumerable<TraceReport> ReportEach(int count);
}
