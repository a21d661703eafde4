namespace Client.Bench.Cluster;

/// <summary>Everything `bench cluster` measured, with the figures its table and JSON lead with.</summary>
internal sealed record ClusterBenchResults(
    IReadOnlyList<ThroughputResult> Throughput,
    IReadOnlyList<ForwardingResult> Forwarding,
    IReadOnlyList<KillResult> Kills)
{
    public const string OneSilo = "one-silo";
    public const string ThreeSilos = "three-silos";
    public const string ThreeSilosToOwner = "three-silos-to-owner";
    public const string GrainCall = "grain-call";
    public const string SessionRead = "session-read";

    public ThroughputResult? Point(string setup) => Throughput.FirstOrDefault(t => t.Setup == setup);

    public ForwardingResult? Forwarded(string kind) => Forwarding.FirstOrDefault(f => f.Kind == kind);

    /// <summary>Throughput of a setup over that of one silo.</summary>
    public double? OverOneSilo(string setup) =>
        Point(setup) is { } point && Point(OneSilo) is { RequestsPerSecond: > 0 } one ? point.RequestsPerSecond / one.RequestsPerSecond : null;

    /// <summary>Median over the kills of the time until all of the killed silo's sessions were served again (kills that never got there left out).</summary>
    public double? MedianAllServedMs => Median(Kills.Select(k => k.AllServedMs));

    public double? MedianDeclaredDeadMs => Median(Kills.Select(k => k.DeclaredDeadMs));

    /// <summary>Kills after which some session was not served again, or came back with turns missing.</summary>
    public int KillsNotRecovered => Kills.Count(k => k.AllServedMs is null && k.Sessions > 0);

    public int Errors => Throughput.Sum(t => t.Errors) + Forwarding.Sum(f => f.Errors);

    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
