using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runtime.Hosting;
using Runtime.Membership;
using Runtime.Storage;

namespace Runtime.Tests.Infrastructure;

/// <summary>A real silo in the test process: HTTP API on a free loopback port, grain transport on another.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSilo(WebApplication app, TestProbe probe)
    {
        _app = app;
        Probe = probe;
    }

    public TestProbe Probe { get; }
    public IServiceProvider Services => _app.Services;
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();
    public SiloAddress Address => Services.GetRequiredService<ClusterView>().Self!;

    public string ApiUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<TestSilo> StartAsync(
        TimeProvider? time = null,
        TestProbe? probe = null,
        IGrainStorage? storage = null,
        InMemoryMembershipTable? membership = null,
        IDictionary<string, string?>? configuration = null)
    {
        probe ??= new TestProbe();
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
        builder.Services.AddSingleton(probe);
        builder.Services.AddSilo(builder.Configuration, silo =>
        {
            silo.AddGrains(typeof(TestSilo).Assembly);
            if (storage is null)
            {
                silo.AddMemoryGrainStorage();
            }
            else
            {
                silo.Services.AddKeyedSingleton(GrainStorageNames.Default, storage);
            }
            if (membership is not null)
            {
                silo.UseInMemoryMembership(membership);
            }
        });
        var app = builder.Build();
        app.MapClusterMembers();
        await app.StartAsync();
        return new TestSilo(app, probe);
    }

    /// <summary>Stops the silo gracefully: every activation is deactivated first.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
