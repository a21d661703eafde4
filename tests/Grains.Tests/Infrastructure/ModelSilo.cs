using Grains.Models;
using Grains.Models.Providers;
using Microsoft.Extensions.DependencyInjection;
using Runtime;
using Runtime.Hosting;

namespace Grains.Tests.Infrastructure;

/// <summary>A silo with the model layer, configured per test, and a scripted provider beside the real ones.</summary>
public sealed class ModelSilo : IAsyncDisposable
{
    private ModelSilo(EmbeddedSilo silo, ScriptedModelProvider scripted)
    {
        Silo = silo;
        Scripted = scripted;
    }

    public EmbeddedSilo Silo { get; }
    public ScriptedModelProvider Scripted { get; }
    public IGrainFactory Grains => Silo.GrainFactory;
    public ModelGateway Gateway => Silo.Services.GetRequiredService<ModelGateway>();

    public static async Task<ModelSilo> StartAsync(IDictionary<string, string?> configuration, TimeProvider? time = null)
    {
        var scripted = new ScriptedModelProvider();
        // Keep the silo's own timers (heartbeat, idle collection) away from the times tests wait on.
        configuration = new Dictionary<string, string?>(configuration)
        {
            ["Cluster:HeartbeatPeriod"] = "00:10:00",
            ["Grains:Collection:CollectionQuantum"] = "1.00:00:00",
            ["Grains:Collection:CollectionAge"] = "2.00:00:00",
        };
        var silo = await EmbeddedSilo.StartAsync(
            builder => builder.AddGrains(typeof(ModelGrain).Assembly).AddMemoryGrainStorage(),
            configuration,
            time,
            (services, config) =>
            {
                services.AddModelLayer(config);
                services.AddSingleton<IModelProvider>(scripted);
            });
        return new ModelSilo(silo, scripted);
    }

    public ValueTask DisposeAsync() => Silo.DisposeAsync();
}
