namespace Client.Bench.Cluster;

/// <summary>
/// Where the machine's CPU went during one measured window, in cores (CPU seconds per second): the silos together,
/// DynamoDB Local (null when the bench did not start it), the bench (the load generator) and everything else
/// (null where /proc/stat is missing). On two cores these say why three silos cannot scale.
/// </summary>
internal sealed record CpuShare(double Silos, double? DynamoDb, double Bench, double? Others);
