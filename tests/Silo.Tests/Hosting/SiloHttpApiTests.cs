using System.Net;
using System.Text.Json;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Hosting;

public sealed class SiloHttpApiTests
{
    [Fact(Timeout = 60_000)]
    public async Task Healthz_answers_200_ok()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        using var response = await http.GetAsync("/healthz", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task Binds_its_http_api_to_loopback_only()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct);

        Assert.Equal("127.0.0.1", silo.BaseAddress.Host);
        Assert.NotEqual(0, silo.BaseAddress.Port);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cluster_members_lists_the_silo_as_active_with_its_api_url()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        using var members = JsonDocument.Parse(await http.GetStringAsync("/api/v1/cluster/members", ct));

        var member = Assert.Single(members.RootElement.EnumerateArray());
        Assert.Equal("Active", member.GetProperty("status").GetString());
        Assert.Equal(silo.BaseAddress, new Uri(member.GetProperty("apiUrl").GetString()!));
        // The grain transport is a second listener, also on loopback by default.
        Assert.StartsWith("127.0.0.1:", member.GetProperty("silo").GetProperty("endpoint").GetString());
    }
}
