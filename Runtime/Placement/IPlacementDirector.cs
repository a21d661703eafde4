using Runtime.Membership;

namespace Runtime.Placement;

/// <summary>Chooses the silo that owns a keyed grain, from the silos currently active.</summary>
public interface IPlacementDirector
{
    SiloAddress SelectOwner(GrainId grainId, IReadOnlyList<SiloAddress> activeSilos);
}
