using System.Net;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Hosting;

/// <summary>Without API keys the API is open to anyone who can reach it, so the silo only listens beyond loopback when told to.</summary>
public sealed class LoopbackGuardTests
{
    [Fact(Timeout = 60_000)]
    public async Task Without_keys_a_non_loopback_url_stops_the_silo_with_exit_1_and_one_error_line()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var url = $"http://0.0.0.0:{FreePort.Unused()}";
        await using var silo = SiloProcess.Launch(data.Combine("grains.db"), arguments: ["--urls", url]);

        var exitCode = await silo.WaitForExitAsync(SiloProcess.StartTimeout, ct);

        Assert.True(exitCode == 1, $"exit code {exitCode}. Output:\n{silo.Output}");
        var lines = silo.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("Auth:AllowAnonymous", error);
        Assert.Contains(url, error);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Now listening on", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task With_allow_anonymous_it_listens_on_all_interfaces()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var port = FreePort.Unused();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct,
            arguments: ["--urls", $"http://0.0.0.0:{port}", "--Auth:AllowAnonymous=true"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var health = await http.GetAsync("/healthz", ct);
        using var models = await http.GetAsync("/v1/models", ct);

        Assert.Equal("0.0.0.0", silo.BaseAddress.Host);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_api_keys_it_listens_on_all_interfaces_and_requires_a_key()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var port = FreePort.Unused();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct,
            arguments: ["--urls", $"http://0.0.0.0:{port}", "--Auth:Keys:sk-guard-test:Tenant=guarded"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var anonymous = await http.GetAsync("/v1/models", ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "Authorization", "Bearer sk-guard-test" } } };
        using var keyed = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }
}
