using Runtime.Client;
using Runtime.Hosting;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Transport;

public sealed class TransportTests
{
    [Fact]
    public async Task A_client_learns_the_grain_transport_from_the_silos_url_and_calls_over_http2()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var client = await ClusterClient.ConnectAsync(silo.ApiUrl);

        var member = Assert.Single(client.Members);
        Assert.Equal(silo.Address, member.Silo);
        Assert.NotEqual(new Uri(silo.ApiUrl).Port, new Uri($"http://{member.Silo.Endpoint}").Port);

        var repriced = await client.GetGrain<ICopyGrain>("remote").Reprice(new Basket { Owner = "bo", Prices = [1.5m] }, 3m);
        Assert.Equal([4.5m], repriced.Prices);
        Assert.Equal(silo.Address.Endpoint, await client.GetGrain<ICopyGrain>("remote").WhereAmI());
    }

    [Fact]
    public async Task Connecting_to_a_silo_that_is_not_there_fails_with_a_clear_error()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => ClusterClient.ConnectAsync($"http://127.0.0.1:{port}"));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task A_malformed_silo_url_is_rejected_before_any_connection()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ClusterClient.ConnectAsync("localhost-8080"));
        Assert.Contains("http://", error.Message);
    }
}
