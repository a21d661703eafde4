using System.Collections.Concurrent;
using System.Diagnostics;
using Grains.Diagnostics;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Observability;

/// <summary>
/// One trace per request: ASP.NET Core's activity for the HTTP request, and a model.call activity as its child for
/// the provider call made on its behalf (through the gateway, or through a session grain), with the request's id in
/// its baggage.
/// </summary>
public sealed class TracingTests : IClassFixture<SiloAppFixture>, IDisposable
{
    private readonly SiloAppFixture _silo;
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public TracingTests(SiloAppFixture silo)
    {
        _silo = silo;
        _listener = Listen();
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_model_call_is_a_child_of_its_http_request(bool inSession)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = _silo.CreateClient();
        var session = inSession ? $"tr-{Guid.NewGuid():N}" : null;
        if (session is not null)
        {
            // The runtime starts a turn queued behind an activation (the first call, which activates the grain)
            // outside the caller's execution context, so the trace is followed from the second turn on.
            await CompleteAsync(http, UserMessage("warm up"), session, ct);
        }
        var traceId = ActivityTraceId.CreateRandom();
        using var request = ChatCompletion(Json(UserMessage($"trace me {Guid.NewGuid():N}")), session);
        // The caller's trace continues in the silo: every activity of this request carries this trace id.
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();

        var ours = await WaitForAsync(traceId, ct);
        var server = Assert.Single(ours, a => a.Source.Name == "Microsoft.AspNetCore");
        var call = Assert.Single(ours, a => a.OperationName == ModelInstruments.CallActivity);
        Assert.Equal(server.SpanId, call.ParentSpanId);
        // The request id, set as baggage on the request's activity, is inherited by the call: its logs carry it.
        Assert.NotNull(server.GetBaggageItem("RequestId"));
        Assert.Equal(server.GetBaggageItem("RequestId"), call.GetBaggageItem("RequestId"));
        Assert.Equal("sim-small", call.GetTagItem("gen_ai.request.model"));
        Assert.Equal("success", call.GetTagItem("model.outcome"));
        Assert.True(call.Duration <= server.Duration, $"the child ({call.Duration}) outlasted its parent ({server.Duration})");
    }

    public void Dispose() => _listener.Dispose();

    private async Task<List<Activity>> WaitForAsync(ActivityTraceId traceId, CancellationToken ct)
    {
        // The server's activity stops just after the response is sent, so give it a moment to arrive.
        while (true)
        {
            var ours = _stopped.Where(a => a.TraceId == traceId).ToList();
            if (ours.Any(a => a.Source.Name == "Microsoft.AspNetCore") && ours.Any(a => a.OperationName == ModelInstruments.CallActivity))
            {
                return ours;
            }
            await Task.Delay(20, ct);
        }
    }

    private ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or ModelInstruments.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
