using Grains.Caching;
using Grains.Models;
using Grains.Tests.Infrastructure;
using Grains.Models.Providers;
using Microsoft.Extensions.DependencyInjection;
using Runtime;
using Runtime.Hosting;
using TestSupport;

namespace Grains.Tests.Caching;

/// <summary>
/// An embedded silo with the model layer (and a scripted provider) and the response caches, on a manual clock:
/// the caches' TTLs move only when a test advances <see cref="Time"/>.
/// </summary>
public sealed class CacheSilo : IAsyncDisposable
{
    private CacheSilo(EmbeddedSilo silo, ManualTimeProvider time)
    {
        Silo = silo;
        Time = time;
    }

    public EmbeddedSilo Silo { get; }
    public ManualTimeProvider Time { get; }
    public IGrainFactory Grains => Silo.GrainFactory;
    public ResponseCache Cache => Silo.Services.GetRequiredService<ResponseCache>();

    /// <param name="cache">Settings under <c>Cache:</c>, e.g. <c>["Ttl"] = "00:01:00"</c>.</param>
    /// <param name="services">More services, e.g. an embedding generator.</param>
    public static async Task<CacheSilo> StartAsync(IDictionary<string, string?>? cache = null, Action<IServiceCollection>? services = null)
    {
        var time = new ManualTimeProvider();
        var configuration = new Dictionary<string, string?>
        {
            ["Models:a:Provider"] = "scripted",
            // Keep the silo's own timers (heartbeat, idle collection) away from the times tests advance over (under 10 minutes).
            ["Cluster:HeartbeatPeriod"] = "00:10:00",
            ["Grains:Collection:CollectionQuantum"] = "1.00:00:00",
            ["Grains:Collection:CollectionAge"] = "2.00:00:00",
        };
        foreach (var (name, value) in cache ?? new Dictionary<string, string?>())
        {
            configuration[$"{CacheOptions.Section}:{name}"] = value;
        }
        var silo = await EmbeddedSilo.StartAsync(
            builder => builder.AddGrains(typeof(ModelGrain).Assembly).AddMemoryGrainStorage(),
            configuration,
            time,
            (collection, config) =>
            {
                collection.AddModelLayer(config);
                collection.AddSingleton<IModelProvider>(new ScriptedModelProvider());
                collection.AddResponseCache(config);
                services?.Invoke(collection);
            });
        return new CacheSilo(silo, time);
    }

    public ValueTask DisposeAsync() => Silo.DisposeAsync();
}
