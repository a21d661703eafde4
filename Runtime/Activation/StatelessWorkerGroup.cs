namespace Runtime.Activation;

/// <summary>The local activations of one stateless worker id: an idle one is reused, a new one is added up to the cap.</summary>
internal sealed class StatelessWorkerGroup(int maxWorkers)
{
    private readonly List<ActivationData> _workers = [];

    /// <summary>Picks a worker; when <paramref name="created"/> is set the caller must activate it.</summary>
    public ActivationData Pick(Catalog catalog, GrainId grainId, GrainClassInfo info, out bool created)
    {
        ActivationData? chosen = null;
        created = false;
        lock (_workers)
        {
            var leastLoad = int.MaxValue;
            foreach (var worker in _workers)
            {
                var load = worker.Load;
                if (load < leastLoad)
                {
                    leastLoad = load;
                    chosen = worker;
                }
            }
            if (chosen is null || (leastLoad > 0 && _workers.Count < maxWorkers))
            {
                chosen = catalog.CreateActivation(grainId, info);
                _workers.Add(chosen);
                created = true;
            }
        }
        return chosen;
    }

    public void Remove(ActivationData worker)
    {
        lock (_workers)
        {
            _workers.Remove(worker);
        }
    }

    public ActivationData[] Snapshot()
    {
        lock (_workers)
        {
            return [.. _workers];
        }
    }
}
