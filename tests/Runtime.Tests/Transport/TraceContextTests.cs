using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runtime.Diagnostics;
using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Placement;
using Runtime.Serialization;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;
using Runtime.Transport;
using TestSupport;

namespace Runtime.Tests.Transport;

/// <summary>
/// A grain call from one silo to another continues the caller's trace: the owner's server span is the child of the
/// caller's client span, the grain runs inside it, and the caller's baggage (the request id) reaches its log scopes.
/// </summary>
[Collection(ActivityListenerCollection.Name)]
public sealed class TraceContextTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMembershipTable _membership = new();
    private readonly LogRecorder _secondLogs = new();
    private TestSilo _first = null!;
    private TestSilo _second = null!;

    public async ValueTask InitializeAsync()
    {
        _first = await TestSilo.StartAsync(time: _time, membership: _membership);
        _second = await TestSilo.StartAsync(time: _time, membership: _membership, services: services => services.AddLogging(logging =>
        {
            logging.AddProvider(_secondLogs);
            // What the silo host configures: baggage among the activity fields of every log scope.
            logging.Configure(options => options.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.Baggage);
        }));
        // One heartbeat period: the first silo re-reads the table and sees the second.
        _time.Advance(TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_call_to_a_grain_on_another_silo_runs_in_a_server_span_child_of_the_callers_span()
    {
        using var spans = new SpanRecorder();
        using var caller = new Activity("caller").Start();
        var key = KeyOwnedBy(_second, "unary");

        var report = await _first.GrainFactory.GetGrain<ITraceGrain>(key).Report();

        var client = await spans.WaitForAsync(caller.TraceId, ActivityKind.Client);
        var server = await spans.WaitForAsync(caller.TraceId, ActivityKind.Server);
        Assert.Equal(_second.Address.Endpoint, report.Silo);
        Assert.Equal(caller.SpanId, client.ParentSpanId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal(server.SpanId.ToHexString(), report.SpanId);
        Assert.Equal($"{typeof(ITraceGrain).FullName}/{nameof(ITraceGrain.Report)}", server.DisplayName);
    }

    [Fact]
    public async Task A_streaming_call_to_a_grain_on_another_silo_runs_in_a_server_span_child_of_the_callers_span()
    {
        using var spans = new SpanRecorder();
        using var caller = new Activity("caller").Start();
        var key = KeyOwnedBy(_second, "stream");

        var reports = new List<TraceReport>();
        await foreach (var report in _first.GrainFactory.GetGrain<ITraceGrain>(key).ReportEach(3))
        {
            reports.Add(report);
        }

        var client = await spans.WaitForAsync(caller.TraceId, ActivityKind.Client);
        var server = await spans.WaitForAsync(caller.TraceId, ActivityKind.Server);
        Assert.Equal(3, reports.Count);
        Assert.All(reports, report => Assert.Equal(_second.Address.Endpoint, report.Silo));
        Assert.Equal(caller.SpanId, client.ParentSpanId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.All(reports, report => Assert.Equal(server.SpanId.ToHexString(), report.SpanId));
    }

    [Fact]
    public async Task A_call_relayed_by_a_silo_that_does_not_own_the_grain_stays_a_child_of_the_callers_span()
    {
        using var spans = new SpanRecorder();
        using var transport = new GrainTransportClient(new GrainSerializer());
        var metadata = new GrainInterfaceRegistry().Get(typeof(ITraceGrain));
        Assert.True(metadata.TryGetMethod(nameof(ITraceGrain.Report), out var method));
        var key = KeyOwnedBy(_first, "relayed");
        using var caller = new Activity("caller").Start();

        // Sent to the second silo, which does not own the grain and relays the call to the first.
        var report = await transport.InvokeAsync<TraceReport>(_second.Address, new GrainId(metadata.Name, key), method, []);

        var client = await spans.WaitForAsync(caller.TraceId, ActivityKind.Client);
        var server = await spans.WaitForAsync(caller.TraceId, ActivityKind.Server);
        Assert.Equal(_first.Address.Endpoint, report.Silo);
        Assert.Equal(1, server.GetTagItem(GrainCallActivities.HopsTag));
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal(server.SpanId.ToHexString(), report.SpanId);
    }

    [Fact]
    public async Task A_call_that_fails_on_the_other_silo_marks_both_spans_failed()
    {
        using var spans = new SpanRecorder();
        using var caller = new Activity("caller").Start();
        var key = KeyOwnedBy(_second, "failing", typeof(IFailingGrain));

        await Assert.ThrowsAnyAsync<Exception>(() => _first.GrainFactory.GetGrain<IFailingGrain>(key).Throw("broken on purpose"));

        var client = await spans.WaitForAsync(caller.TraceId, ActivityKind.Client);
        var server = await spans.WaitForAsync(caller.TraceId, ActivityKind.Server);
        Assert.Equal(ActivityStatusCode.Error, server.Status);
        Assert.Equal(ActivityStatusCode.Error, client.Status);
        Assert.Equal(client.SpanId, server.ParentSpanId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_callers_baggage_reaches_the_log_scopes_of_a_grain_on_another_silo(bool spansRecorded)
    {
        // Recorded or not, the trace and its baggage must arrive: unrecorded, the owner carries them on a bare activity.
        using var spans = spansRecorded ? new SpanRecorder() : null;
        var requestId = $"req-{Guid.NewGuid():N}";
        using var caller = new Activity("http request").SetBaggage("RequestId", requestId).Start();
        var key = KeyOwnedBy(_second, $"logged-{spansRecorded}");

        var report = await _first.GrainFactory.GetGrain<ITraceGrain>(key).Report();

        Assert.Equal(_second.Address.Endpoint, report.Silo);
        var record = Assert.Single(_secondLogs.Records, r => r.Message == $"Traced call to {key}");
        Assert.Equal(requestId, record.Scope("RequestId"));
        Assert.Equal(caller.TraceId.ToHexString(), record.Scope("TraceId"));
    }

    [Fact]
    public async Task A_call_made_outside_any_activity_runs_outside_any_activity_on_the_other_silo()
    {
        Assert.Null(Activity.Current);
        var key = KeyOwnedBy(_second, "untraced");

        var report = await _first.GrainFactory.GetGrain<ITraceGrain>(key).Report();

        Assert.Equal(_second.Address.Endpoint, report.Silo);
        Assert.Null(report.TraceId);
    }

    private string KeyOwnedBy(TestSilo owner, string prefix, Type? grainInterface = null)
    {
        var director = new RendezvousPlacementDirector();
        SiloAddress[] silos = [_first.Address, _second.Address];
        var type = (grainInterface ?? typeof(ITraceGrain)).FullName!;
        return Enumerable.Range(0, 100).Select(i => $"{prefix}-{i}")
            .First(key => director.SelectOwner(new GrainId(type, key), silos) == owner.Address);
    }
}
