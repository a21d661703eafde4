using System.Diagnostics;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Diagnostics;

/// <summary>A grain call inside one silo runs in its own span, a child of the caller's, while someone listens.</summary>
[Collection(ActivityListenerCollection.Name)]
public sealed class LocalGrainCallSpanTests
{
    [Fact]
    public async Task A_call_to_a_grain_on_the_same_silo_runs_in_an_internal_span_child_of_the_callers()
    {
        await using var silo = await TestSilo.StartAsync();
        using var spans = new SpanRecorder();
        using var caller = new Activity("caller").Start();

        var report = await silo.GrainFactory.GetGrain<ITraceGrain>("local").Report();

        var span = await spans.WaitForAsync(caller.TraceId, ActivityKind.Internal);
        Assert.Equal(caller.SpanId, span.ParentSpanId);
        Assert.Equal(span.SpanId.ToHexString(), report.SpanId);
        Assert.Equal($"{typeof(ITraceGrain).FullName}/{nameof(ITraceGrain.Report)}", span.DisplayName);
        Assert.Same(caller, Activity.Current);
    }

    [Fact]
    public async Task A_failed_call_marks_its_span_failed()
    {
        await using var silo = await TestSilo.StartAsync();
        using var spans = new SpanRecorder();
        using var caller = new Activity("caller").Start();

        await Assert.ThrowsAnyAsync<Exception>(() => silo.GrainFactory.GetGrain<IFailingGrain>("local").Throw("broken on purpose"));

        var span = await spans.WaitForAsync(caller.TraceId, ActivityKind.Internal);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Without_a_listener_the_grain_runs_in_the_callers_activity()
    {
        await using var silo = await TestSilo.StartAsync();
        using var caller = new Activity("caller").Start();

        var report = await silo.GrainFactory.GetGrain<ITraceGrain>("unwatched").Report();

        Assert.Equal(caller.SpanId.ToHexString(), report.SpanId);
    }
}
