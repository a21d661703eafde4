using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runtime.Membership;

namespace Runtime.Hosting;

/// <summary>
/// A whole silo inside the calling process, on free loopback ports (HTTP API and grain transport): for tests,
/// benchmarks and tools that need a cluster of their own.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedSilo(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();
    public SiloAddress Address => Services.GetRequiredService<ClusterView>().Self!;
    public string ApiUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <param name="configureServices">Adds the services under test; receives the configuration as given.</param>
    /// <param name="configureSilo">Grains, storage, membership for the silo.</param>
    /// <param name="mapEndpoints">Extra HTTP endpoints besides the cluster members one.</param>
    public static async Task<EmbeddedSilo> StartAsync(
        Action<ISiloBuilder> configureSilo,
        IDictionary<string, string?>? configuration = null,
        TimeProvider? time = null,
        Action<IServiceCollection, IConfiguration>? configureServices = null,
        Action<WebApplication>? mapEndpoints = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        configureServices?.Invoke(builder.Services, builder.Configuration);
        builder.Services.AddSilo(builder.Configuration, configureSilo);
        var app = builder.Build();
        app.MapClusterMembers();
        mapEndpoints?.Invoke(app);
        await app.StartAsync();
        return new EmbeddedSilo(app);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
