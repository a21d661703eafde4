using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Observability;

/// <summary>
/// The model layer's counters as /metrics shows them, on models made to misbehave: a provider that always fails
/// (retry, circuit opening, admission refused while open) and one whose quota is one request a minute (throttle,
/// fallback).
/// </summary>
public sealed class ModelInstrumentsTests(ModelInstrumentsTests.MisbehavingModels silo) : IClassFixture<ModelInstrumentsTests.MisbehavingModels>
{
    public sealed class MisbehavingModels : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Retry:BaseDelay"] = "00:00:00.001",
            ["Retry:MaxDelay"] = "00:00:00.005",
            ["Models:flaky:Provider"] = "simulated",
            ["Models:flaky:TtftMs"] = "0",
            ["Models:flaky:TokensPerSecond"] = "0",
            ["Models:flaky:OutputTokens"] = "3",
            ["Models:flaky:FailureRate"] = "1",
            ["Models:flaky:Circuit:FailureThreshold"] = "1",
            ["Models:flaky:Circuit:BreakDuration"] = "00:10:00",
            ["Models:flaky:Fallbacks:0"] = "sim-small",
            ["Models:tight:Provider"] = "simulated",
            ["Models:tight:TtftMs"] = "0",
            ["Models:tight:TokensPerSecond"] = "0",
            ["Models:tight:OutputTokens"] = "3",
            ["Models:tight:QuotaRequestsPerMinute"] = "1",
            ["Models:tight:Fallbacks:0"] = "sim-small",
        };
    }

    [Fact(Timeout = 60_000)]
    public async Task Retries_circuit_transitions_denials_throttles_and_fallbacks_are_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        // flaky fails, opens its circuit, is retried after a backoff, then refused at admission: sim-small answers.
        await CompleteAsync(http, UserMessage($"flaky {Guid.NewGuid():N}", "flaky"), null, ct);
        // tight answers once; its provider then throttles, and the request moves on to sim-small.
        await CompleteAsync(http, UserMessage($"tight {Guid.NewGuid():N}", "tight"), null, ct);
        await CompleteAsync(http, UserMessage($"tight {Guid.NewGuid():N}", "tight"), null, ct);
        var text = await http.GetStringAsync("/metrics", ct);

        var scrape = PrometheusText.Parse(text);
        Assert.True(scrape.Violations.Count == 0, string.Join("\n", scrape.Violations));
        Assert.Equal(1, Value(scrape, "model_retries_total", ("model", "flaky"), ("kind", "transient")));
        Assert.Equal(1, Value(scrape, "model_circuit_transitions_total", ("model", "flaky"), ("from", "closed"), ("to", "open")));
        Assert.True(Value(scrape, "model_admission_denials_total", ("model", "flaky"), ("reason", "CircuitOpen")) >= 1, text);
        Assert.True(Value(scrape, "model_call_duration_milliseconds_count", ("model", "flaky"), ("outcome", "transient_error")) >= 1, text);
        Assert.Equal(1, Value(scrape, "model_throttles_total", ("model", "tight")));
        Assert.Equal(1, Value(scrape, "model_fallbacks_total", ("model", "tight"), ("reason", "throttled")));
        Assert.Equal(1, Value(scrape, "model_call_duration_milliseconds_count", ("model", "tight"), ("outcome", "success")));
    }

    private static double Value(PrometheusText scrape, string name, params (string Key, string Value)[] labels) =>
        scrape.Samples.Where(s => s.Name == name && labels.All(l => s.Label(l.Key) == l.Value)).Sum(s => s.Value);
}
