using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runtime.Hosting;

namespace Runtime.Activation;

/// <summary>The silo's activations: one per keyed grain id, up to N per stateless worker id.</summary>
internal sealed class Catalog
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerGroup> _workers = new();
    private readonly GrainClassRegistry _classes;
    private readonly GrainCollectionOptions _collection;
    private IGrainFactory? _grainFactory;
    private volatile bool _stopping;

    public Catalog(
        IServiceProvider services,
        GrainClassRegistry classes,
        GrainActivator activator,
        TimeProvider time,
        IOptions<GrainCollectionOptions> collection,
        ILogger<Catalog> logger)
    {
        Services = services;
        _classes = classes;
        Activator = activator;
        Time = time;
        _collection = collection.Value;
        Logger = logger;
    }

    public IServiceProvider Services { get; }
    public GrainActivator Activator { get; }
    public TimeProvider Time { get; }
    public ILogger Logger { get; }
    public TimeSpan DeactivationTimeout => _collection.DeactivationTimeout;

    // Resolved late: the grain factory itself depends on the catalog.
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    public bool IsStopping => _stopping;

    public bool Hosts(string grainType) => _classes.TryGet(grainType, out _);

    public bool IsStatelessWorker(string grainType) => _classes.TryGet(grainType, out var info) && info.IsStatelessWorker;

    /// <summary>Hands <paramref name="item"/> to the activation for its grain, creating it if needed.</summary>
    public void Dispatch(WorkItem item)
    {
        if (!_classes.TryGet(item.Target.Type, out var info))
        {
            item.Reject(new InvalidOperationException($"No grain class for {item.Target.Type} is registered in this silo."));
            return;
        }
        while (true)
        {
            if (_stopping)
            {
                item.Reject(new SiloUnavailableException("The silo is shutting down and takes no new calls."));
                return;
            }
            var created = false;
            var activation = info.IsStatelessWorker
                ? _workers.GetOrAdd(item.Target, static (_, max) => new StatelessWorkerGroup(max), info.MaxLocalWorkers!.Value).Pick(this, item.Target, info, out created)
                : GetOrCreate(item.Target, info, out created);
            // Queue the call before activating, so that a failed activation fails this call rather than retrying it.
            var submitted = activation.Submit(item);
            if (created)
            {
                RuntimeLog.Activating(Logger, item.Target);
                Diagnostics.RuntimeInstruments.ActivationsCreated.Add(1, new KeyValuePair<string, object?>("grain_type", item.Target.Type));
                activation.Activate();
            }
            if (submitted)
            {
                return;
            }
        }
    }

    internal ActivationData CreateActivation(GrainId grainId, GrainClassInfo info) => new(grainId, info, this);

    /// <summary>Forgets a finished activation and sends the calls that queued on it to its successor.</summary>
    internal void OnActivationRemoved(ActivationData activation, List<WorkItem> waiting)
    {
        if (activation.ClassInfo.IsStatelessWorker)
        {
            if (_workers.TryGetValue(activation.GrainId, out var group))
            {
                group.Remove(activation);
            }
        }
        else
        {
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
        }
        foreach (var item in waiting)
        {
            Dispatch(item);
        }
    }

    public IReadOnlyList<ActivationData> Snapshot() =>
        [.. _activations.Values, .. _workers.Values.SelectMany(group => group.Snapshot())];

    /// <summary>Deactivates activations idle for longer than their collection age.</summary>
    public int CollectIdle()
    {
        var collected = 0;
        foreach (var activation in Snapshot())
        {
            if (activation.IsIdleFor(activation.ClassInfo.CollectionAge ?? _collection.CollectionAge))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "idle longer than the collection age"));
                collected++;
            }
        }
        return collected;
    }

    /// <summary>Deactivates (flushing state) the keyed activations this silo no longer owns after a membership change.</summary>
    public int DeactivateMoved(Func<GrainId, bool> movedAway)
    {
        var moved = 0;
        foreach (var activation in _activations.Values)
        {
            if (movedAway(activation.GrainId))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.PlacementChanged, "its owner changed with the cluster's membership"));
                moved++;
            }
        }
        return moved;
    }

    /// <summary>Refuses new calls, lets running turns finish, and deactivates everything (flushing state).</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping = true;
        var all = Snapshot();
        foreach (var activation in all)
        {
            activation.Deactivate(reason);
        }
        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private ActivationData GetOrCreate(GrainId grainId, GrainClassInfo info, out bool created)
    {
        while (true)
        {
            if (_activations.TryGetValue(grainId, out var existing))
            {
                created = false;
                return existing;
            }
            var activation = CreateActivation(grainId, info);
            if (_activations.TryAdd(grainId, activation))
            {
                created = true;
                return activation;
            }
        }
    }
}
