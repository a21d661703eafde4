using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Silo.Api;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Observability;

/// <summary>GET /metrics after real traffic: valid Prometheus text, no key needed, and the project's instruments in it.</summary>
public sealed class MetricsEndpointTests(SiloAppFixture silo) : IClassFixture<SiloAppFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task After_traffic_the_scrape_follows_the_format_and_holds_the_projects_families()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        await DriveTrafficAsync(http, ct);

        using var response = await http.GetAsync("/metrics", ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var scrape = PrometheusText.Parse(text);
        Assert.True(scrape.Violations.Count == 0, string.Join("\n", scrape.Violations) + "\n---\n" + text);
        var expected = new Dictionary<string, string>
        {
            ["api_requests_total"] = "counter",
            ["api_stage_duration_milliseconds"] = "histogram",
            ["model_call_duration_milliseconds"] = "histogram",
            ["model_time_to_first_token_milliseconds"] = "histogram",
            ["cache_lookup_duration_milliseconds"] = "histogram",
            ["session_persist_duration_milliseconds"] = "histogram",
            ["runtime_activations_total"] = "counter",
            ["runtime_grain_call_duration_milliseconds"] = "histogram",
        };
        foreach (var (family, type) in expected)
        {
            Assert.True(scrape.Types.TryGetValue(family, out var actual), $"no {family} in\n{text}");
            Assert.Equal(type, actual);
        }
        // Other in-process silos (other test classes) share the static meters, so counts are at least ours.
        Assert.True(Sample(scrape, "api_requests_total", ("route", "chat.completions"), ("status", "200")) >= 6, text);
        Assert.True(Sample(scrape, "api_requests_total", ("route", "chat.completions"), ("status", "400")) >= 1, text);
        Assert.True(Sample(scrape, "model_call_duration_milliseconds_count", ("model", "sim-small"), ("outcome", "success")) >= 4, text);
        Assert.True(Sample(scrape, "model_call_duration_milliseconds_count", ("model", "sim-large"), ("outcome", "success")) >= 1, text);
        Assert.True(Sample(scrape, "cache_lookup_duration_milliseconds_count", ("outcome", "hit")) >= 1, text);
        Assert.True(Sample(scrape, "session_persist_duration_milliseconds_count") >= 1, text);
    }

    [Fact]
    public void The_api_records_straight_into_the_silos_collector() =>
        Assert.True(silo.App.Services.GetRequiredService<ApiMetrics>().RecordsIntoCollector);

    [Fact(Timeout = 30_000)]
    public async Task Metrics_need_no_key_even_when_keys_are_configured()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var app = new SiloApp(data.Combine("grains.db"), new Dictionary<string, string?>
        {
            ["Auth:Keys:sk-metrics-tenant:Tenant"] = "t",
        });
        using var http = app.CreateClient();

        using var metrics = await http.GetAsync("/metrics", ct);
        using var api = await http.GetAsync("/api/v1/models", ct);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    /// <summary>Each kind of request the instruments should see: both models, a stream, a cache hit, a session, a 400.</summary>
    internal static async Task DriveTrafficAsync(HttpClient http, CancellationToken ct)
    {
        var prompt = $"metrics {Guid.NewGuid():N}";
        await CompleteAsync(http, UserMessage(prompt), null, ct);
        await CompleteAsync(http, UserMessage(prompt), null, ct); // the same prompt again: a cache hit
        await CompleteAsync(http, UserMessage($"other {Guid.NewGuid():N}"), null, ct);
        await CompleteAsync(http, UserMessage($"large {Guid.NewGuid():N}", "sim-large"), null, ct);
        await CompleteAsync(http, UserMessage($"session {Guid.NewGuid():N}"), $"m-{Guid.NewGuid():N}", ct);
        using (var stream = ChatCompletion(Json(UserMessage($"stream {Guid.NewGuid():N}", stream: true))))
        using (var response = await http.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            response.EnsureSuccessStatusCode();
            await ServerSentEvent.ReadAllAsync(response, ct);
        }
        using var bad = ChatCompletion(Json("{\"model\":\"sim-small\",\"messages\":\"not a list\"}"));
        using var rejected = await http.SendAsync(bad, ct);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
    }

    private static double Sample(PrometheusText scrape, string name, params (string Key, string Value)[] labels) =>
        scrape.Samples.Where(s => s.Name == name && labels.All(l => s.Label(l.Key) == l.Value)).Sum(s => s.Value);
}
