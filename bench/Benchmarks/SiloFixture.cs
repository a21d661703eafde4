using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runtime;
using Runtime.Client;
using Runtime.Hosting;

namespace Benchmarks;

/// <summary>
/// One silo hosted in this process, as an application would host it: a slim web app on a free loopback port,
/// AddSilo with the bench grains and in-memory storage, the membership endpoint mapped; plus a
/// <see cref="ClusterClient"/> connected to it over loopback (HTTP/2, h2c).
/// </summary>
public sealed class SiloFixture : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SiloFixture(WebApplication app, string apiUrl, ClusterClient client)
    {
        _app = app;
        ApiUrl = apiUrl;
        Client = client;
        Services = app.Services;
        GrainFactory = app.Services.GetRequiredService<IGrainFactory>();
    }

    public string ApiUrl { get; }
    public IServiceProvider Services { get; }
    public IGrainFactory GrainFactory { get; }
    public ClusterClient Client { get; }

    public static async Task<SiloFixture> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSilo(builder.Configuration, silo => silo.AddGrains(typeof(EchoGrain)).AddMemoryGrainStorage());
        var app = builder.Build();
        app.MapClusterMembers();
        await app.StartAsync();
        var apiUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = await ClusterClient.ConnectAsync(apiUrl);
        var fixture = new SiloFixture(app, apiUrl, client);
        await fixture.EnsureClientCallsWorkAsync();
        return fixture;
    }

    /// <summary>Fails fast, before any measurement, when a client call does not work.</summary>
    private async Task EnsureClientCallsWorkAsync()
    {
        if (await Client.GetGrain<IEchoGrain>("bench").Add(1, 2) != 3)
        {
            throw new InvalidOperationException("Add(1, 2) through the cluster client did not return 3.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
