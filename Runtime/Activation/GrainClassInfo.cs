using System.Reflection;

namespace Runtime.Activation;

/// <summary>What the runtime knows about a grain class: how to schedule, place and collect its activations.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainClass)
    {
        GrainClass = grainClass;
        IsReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>() is not null;
        if (grainClass.GetCustomAttribute<StatelessWorkerAttribute>() is { } worker)
        {
            MaxLocalWorkers = worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount;
        }
        CollectionAge = grainClass.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Age;
    }

    public Type GrainClass { get; }

    public bool IsReentrant { get; }

    /// <summary>Set for [StatelessWorker] classes: the most activations per key on one silo.</summary>
    public int? MaxLocalWorkers { get; }

    public bool IsStatelessWorker => MaxLocalWorkers is not null;

    public TimeSpan? CollectionAge { get; }
}
