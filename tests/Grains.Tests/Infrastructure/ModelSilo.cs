using Grains.Interfaces.Models;
using Grains.Models;
using Grains.Models.Budgets;
using Grains.Models.Providers;
using Microsoft.Extensions.DependencyInjection;
using Runtime;
using Runtime.Hosting;
using Runtime.Membership;

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
    public ModelBudgetSlices Slices => Silo.Services.GetRequiredService<ModelBudgetSlices>();

    /// <summary>The model grain's status once every call made from slices has been reported to it.</summary>
    public async Task<ModelStatus> StatusAsync(string model)
    {
        await Slices.FlushAsync();
        return await Grains.GetGrain<IModelGrain>(model).GetStatus();
    }

    /// <param name="membership">Shared by the silos of an in-process cluster; none for a silo on its own.</param>
    public static async Task<ModelSilo> StartAsync(IDictionary<string, string?> configuration, TimeProvider? time = null, InMemoryMembershipTable? membership = null)
    {
        var scripted = new ScriptedModelProvider();
        // Keep the silo's own timers (heartbeat, idle collection) away from the times tests wait on, unless a test sets them.
        configuration = new Dictionary<string, string?>(configuration);
        configuration.TryAdd("Cluster:HeartbeatPeriod", "00:10:00");
        configuration.TryAdd("Grains:Collection:CollectionQuantum", "1.00:00:00");
        configuration.TryAdd("Grains:Collection:CollectionAge", "2.00:00:00");
        var silo = await EmbeddedSilo.StartAsync(
            builder =>
            {
                builder.AddGrains(typeof(ModelGrain).Assembly).AddMemoryGrainStorage();
                if (membership is not null)
                {
                    builder.UseInMemoryMembership(membership);
                }
            },
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
