using Client.Bench.Hosting;

namespace Client.Bench.Cluster;

/// <summary>One of the bench's silo processes, under the name it gives itself in membership (silo-1, silo-2, ...).</summary>
internal sealed record ClusterSilo(string Name, SiloProcess Process);
