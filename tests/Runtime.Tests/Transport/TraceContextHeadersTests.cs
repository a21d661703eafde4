using System.Diagnostics;
using Runtime.Invocation;
using Runtime.Serialization;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;
using Runtime.Transport;

namespace Runtime.Tests.Transport;

/// <summary>What a grain call puts on the wire for tracing: the caller's context when it has one, nothing otherwise.</summary>
[Collection(ActivityListenerCollection.Name)]
public sealed class TraceContextHeadersTests : IAsyncLifetime
{
    private readonly GrainTransportClient _transport = new(new GrainSerializer());
    private HeaderRecordingSilo _silo = null!;

    public async ValueTask InitializeAsync() => _silo = await HeaderRecordingSilo.StartAsync("\"fake\"");

    public async ValueTask DisposeAsync()
    {
        _transport.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task A_call_made_outside_any_activity_sends_no_trace_headers()
    {
        Assert.Null(Activity.Current);

        Assert.Equal("fake", await CallAsync());

        var headers = Assert.Single(_silo.Requests);
        Assert.DoesNotContain("traceparent", headers.Keys);
        Assert.DoesNotContain("tracestate", headers.Keys);
        Assert.DoesNotContain("baggage", headers.Keys);
    }

    [Fact]
    public async Task A_call_made_inside_an_activity_sends_its_context_and_baggage()
    {
        using var caller = new Activity("caller").SetBaggage("RequestId", "req-7").Start();
        caller.TraceStateString = "vendor=opaque";

        Assert.Equal("fake", await CallAsync());

        var headers = Assert.Single(_silo.Requests);
        // Nobody listens to the runtime's source, so no client span: the caller's own span is the parent.
        Assert.Equal(caller.Id, headers["traceparent"]);
        Assert.Equal("vendor=opaque", headers["tracestate"]);
        Assert.Contains("RequestId", headers["baggage"]);
        Assert.Contains("req-7", headers["baggage"]);
    }

    private Task<string> CallAsync()
    {
        var metadata = new GrainInterfaceRegistry().Get(typeof(ICopyGrain));
        Assert.True(metadata.TryGetMethod(nameof(ICopyGrain.WhereAmI), out var method));
        return _transport.InvokeAsync<string>(_silo.Address, new GrainId(metadata.Name, "wire"), method, []);
    }
}
