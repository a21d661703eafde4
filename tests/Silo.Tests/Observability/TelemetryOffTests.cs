using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Silo.Api;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Observability;

/// <summary>Telemetry:Enabled=false: no collector (so /metrics says so), while the API and the dashboard's read-outs still work.</summary>
public sealed class TelemetryOffTests(TelemetryOffTests.QuietSilo silo) : IClassFixture<TelemetryOffTests.QuietSilo>
{
    public sealed class QuietSilo : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Telemetry:Enabled"] = "false" };
    }

    [Fact(Timeout = 30_000)]
    public async Task Metrics_are_404_and_everything_else_works()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        await CompleteAsync(http, UserMessage($"quiet {Guid.NewGuid():N}"), null, ct);
        using var metrics = await http.GetAsync("/metrics", ct);
        using var live = await http.GetAsync("/api/v1/dashboard/live", ct);

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Contains("Telemetry:Enabled=false", await metrics.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var body = JsonDocument.Parse(await live.Content.ReadAsStringAsync(ct));
        Assert.False(body.RootElement.GetProperty("telemetry").GetBoolean());
        Assert.True(body.RootElement.GetProperty("requests").GetInt32() >= 1);
    }

    [Fact]
    public void The_api_has_no_collector_to_record_into() =>
        Assert.False(silo.App.Services.GetRequiredService<ApiMetrics>().RecordsIntoCollector);
}
