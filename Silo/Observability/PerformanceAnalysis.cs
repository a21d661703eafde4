using Grains.Caching;
using Grains.Interfaces.Models;

namespace Silo.Observability;

/// <summary>The performance read-out over a recent window: stages, models, cache, and the bottleneck named.</summary>
public sealed record PerformanceAnalysis(
    double WindowSeconds,
    int Requests,
    double ThroughputRps,
    double ErrorRate,
    double ThrottleRate,
    IReadOnlyDictionary<string, Percentiles> Stages,
    IReadOnlyList<ModelStatus> Models,
    CacheStats Cache,
    Bottleneck Bottleneck);

/// <summary>Where the time goes: the stage with the largest share of a request's median time, and why.</summary>
public sealed record Bottleneck(string Stage, double Share, string Explanation);
