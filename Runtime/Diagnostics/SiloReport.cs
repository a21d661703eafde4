using Runtime.Membership;

namespace Runtime.Diagnostics;

/// <summary>What one silo hosts now: activations by grain type and its busiest grains.</summary>
public sealed record SiloReport(
    string Name,
    string Endpoint,
    string? ApiUrl,
    SiloStatus Status,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    IReadOnlyList<HotGrain> Hottest);
