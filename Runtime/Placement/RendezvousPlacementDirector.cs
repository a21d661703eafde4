using Runtime.Membership;

namespace Runtime.Placement;

/// <summary>
/// Rendezvous (highest random weight) hashing: every silo and client computes the same owner from the same
/// view, and when a silo joins or leaves only the grains it wins or loses move.
/// </summary>
public sealed class RendezvousPlacementDirector : IPlacementDirector
{
    public SiloAddress SelectOwner(GrainId grainId, IReadOnlyList<SiloAddress> activeSilos)
    {
        if (activeSilos.Count == 0)
        {
            throw new InvalidOperationException("No active silo is known; the cluster is unavailable.");
        }
        var best = activeSilos[0];
        var bestWeight = Weight(best, grainId);
        for (var i = 1; i < activeSilos.Count; i++)
        {
            var weight = Weight(activeSilos[i], grainId);
            if (weight > bestWeight)
            {
                best = activeSilos[i];
                bestWeight = weight;
            }
        }
        return best;
    }

    private static ulong Weight(SiloAddress silo, GrainId grainId) => StableHash.Combine(silo.Endpoint, grainId.Type, grainId.Key);
}
