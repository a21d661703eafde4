using Microsoft.Extensions.DependencyInjection;
using Runtime.Hosting;
using Runtime.Membership;
using Runtime.Storage;

namespace Runtime.Tests.Infrastructure;

/// <summary>An in-process silo hosting this assembly's test grains, with a probe for them to report to.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly EmbeddedSilo _silo;

    private TestSilo(EmbeddedSilo silo, TestProbe probe)
    {
        _silo = silo;
        Probe = probe;
    }

    public TestProbe Probe { get; }
    public IServiceProvider Services => _silo.Services;
    public IGrainFactory GrainFactory => _silo.GrainFactory;
    public SiloAddress Address => _silo.Address;
    public string ApiUrl => _silo.ApiUrl;

    public static async Task<TestSilo> StartAsync(
        TimeProvider? time = null,
        TestProbe? probe = null,
        IGrainStorage? storage = null,
        InMemoryMembershipTable? membership = null,
        IDictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? services = null)
    {
        probe ??= new TestProbe();
        var silo = await EmbeddedSilo.StartAsync(
            silo =>
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
            },
            configuration,
            time,
            (collection, _) =>
            {
                collection.AddSingleton(probe);
                services?.Invoke(collection);
            });
        return new TestSilo(silo, probe);
    }

    /// <summary>Stops the silo gracefully: every activation is deactivated first.</summary>
    public Task StopAsync() => _silo.StopAsync();

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}
