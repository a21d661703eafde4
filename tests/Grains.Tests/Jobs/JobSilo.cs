using Grains.Interfaces.Jobs;
using Grains.Jobs;
using Grains.Models;
using Grains.Models.Providers;
using Grains.Tests.Infrastructure;
using Grains.Tools;
using Microsoft.Extensions.DependencyInjection;
using Runtime;
using Runtime.Hosting;
using Runtime.Storage;

namespace Grains.Tests.Jobs;

/// <summary>
/// A silo with the model layer, the tools and every grain of Grains: scripted and echo models beside the real
/// providers, and grain state in a <see cref="JobStorage"/> that can be handed to the next silo, so stopping one
/// silo and starting another over the same storage deactivates and reactivates a job.
/// </summary>
public sealed class JobSilo : IAsyncDisposable
{
    public const string Tenant = "acme";

    private bool _stopped;

    private JobSilo(EmbeddedSilo silo, ScriptedModelProvider scripted, JobStorage storage)
    {
        Silo = silo;
        Scripted = scripted;
        Storage = storage;
    }

    public EmbeddedSilo Silo { get; }
    public ScriptedModelProvider Scripted { get; }
    public JobStorage Storage { get; }
    public IGrainFactory Grains => Silo.GrainFactory;

    public static async Task<JobSilo> StartAsync(
        IDictionary<string, string?> configuration, TimeProvider time, JobStorage? storage = null, ScriptedModelProvider? scripted = null)
    {
        storage ??= new JobStorage();
        scripted ??= new ScriptedModelProvider();
        // Keep the silo's own timers (heartbeat, idle collection) away from the times tests wait on.
        configuration = new Dictionary<string, string?>(configuration)
        {
            ["Cluster:HeartbeatPeriod"] = "00:10:00",
            ["Grains:Collection:CollectionQuantum"] = "1.00:00:00",
            ["Grains:Collection:CollectionAge"] = "2.00:00:00",
        };
        var silo = await EmbeddedSilo.StartAsync(
            builder =>
            {
                builder.AddGrains(typeof(JobGrain).Assembly);
                builder.Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, storage);
            },
            configuration,
            time,
            (services, config) =>
            {
                services.AddModelLayer(config);
                services.AddTools(config);
                services.AddSingleton<IModelProvider>(scripted);
                services.AddSingleton<IModelProvider>(new EchoModelProvider());
            });
        return new JobSilo(silo, scripted, storage);
    }

    public static string Key(string jobId) => JobKey.For(Tenant, jobId);

    public IJobGrain Job(string jobId) => Grains.GetGrain<IJobGrain>(Key(jobId));

    public ToolCatalog Catalog => Silo.Services.GetRequiredService<ToolCatalog>();

    /// <summary>Stops the silo gracefully: it drains and deactivates every grain, as at a deployment.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await Silo.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await Silo.DisposeAsync();
        }
    }
}
