using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Hosting;

/// <summary>
/// A host may be stopped twice at once: WebApplicationFactory stops it while the app's own RunAsync, seeing the
/// stop, stops it too. The silo's stop must tolerate that.
/// </summary>
public sealed class InProcessSiloStopTests
{
    [Fact(Timeout = 60_000)]
    public async Task Stopping_the_silos_hosted_services_twice_at_once_completes_and_closes_the_grain_transport()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var app = new SiloApp(data.Combine("grains.db"));
        using var http = app.CreateClient();
        await SendSessionMessageAsync(http, "warm", "keep me", ct);
        using var members = JsonDocument.Parse(await http.GetStringAsync("/api/v1/cluster/members", ct));
        var transport = members.RootElement[0].GetProperty("silo").GetProperty("endpoint").GetString()!.Split(':');
        var services = app.Services.GetServices<IHostedService>().ToList();

        // The calls Host.StopAsync makes, twice and overlapping.
        await Task.WhenAll(StopAllAsync(services, ct), StopAllAsync(services, ct));

        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(transport[0], int.Parse(transport[1], System.Globalization.CultureInfo.InvariantCulture), ct).AsTask());
    }

    private static async Task StopAllAsync(IEnumerable<IHostedService> services, CancellationToken ct)
    {
        foreach (var service in services.Reverse())
        {
            await service.StopAsync(ct);
        }
    }
}
