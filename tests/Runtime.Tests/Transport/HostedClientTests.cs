using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Runtime.Client;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Transport;

public sealed class HostedClientTests
{
    [Fact]
    public async Task A_host_with_a_cluster_client_gets_a_grain_factory_that_reaches_the_silo()
    {
        await using var silo = await TestSilo.StartAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ClusterClient:GatewayUrl"] = silo.ApiUrl });
        builder.Services.AddClusterClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        var where = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICopyGrain>("hosted").WhereAmI();

        Assert.Equal(silo.Address.Endpoint, where);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_gateway_url_that_is_not_a_url_stops_the_host_at_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddClusterClient(builder.Configuration, o => o.GatewayUrl = "not a url");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("GatewayUrl", error.Message);
    }
}
