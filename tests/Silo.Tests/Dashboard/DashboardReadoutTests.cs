using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Dashboard;

/// <summary>With keys configured, the dashboard page is served to anyone but its own read-outs answer admin keys only.</summary>
public sealed class DashboardReadoutTests(DashboardReadoutTests.KeyedSilo silo) : IClassFixture<DashboardReadoutTests.KeyedSilo>
{
    private const string TenantKey = "sk-dash-tenant-0123";
    private const string AdminKey = "sk-dash-admin-4567";

    public sealed class KeyedSilo : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            [$"Auth:Keys:{TenantKey}:Tenant"] = "tenant",
            [$"Auth:Keys:{AdminKey}:Tenant"] = "ops",
            [$"Auth:Keys:{AdminKey}:Admin"] = "true",
        };
    }

    [Theory(Timeout = 30_000)]
    [InlineData("/api/v1/dashboard/live")]
    [InlineData("/api/v1/dashboard/jobs")]
    public async Task Dashboard_readouts_refuse_missing_and_tenant_keys(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, path, null, ct));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, path, TenantKey, ct));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, path, AdminKey, ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_page_is_served_without_a_key_and_loads_nothing_from_elsewhere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var response = await http.GetAsync("/dashboard", ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<canvas", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_live_readout_counts_requests_and_gives_latency_percentiles()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await CompleteAsync(http, UserMessage($"live {Guid.NewGuid():N}"), null, ct, TenantKey);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/dashboard/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await http.SendAsync(request, ct);
        using var live = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        var root = live.RootElement;
        Assert.True(root.GetProperty("requests").GetInt32() >= 3, root.ToString());
        Assert.True(root.GetProperty("latency").GetProperty("count").GetInt32() >= 1, root.ToString());
        Assert.True(root.GetProperty("latency").GetProperty("p99").GetDouble() >= root.GetProperty("latency").GetProperty("p50").GetDouble());
        Assert.True(root.GetProperty("telemetry").GetBoolean());
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, string? key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }
}
