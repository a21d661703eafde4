namespace Client.Bench.Cluster;

/// <summary>One SIGKILL: how long until the others declared the silo dead and until each of its sessions was served again.</summary>
/// <param name="Sessions">Sessions the killed silo owned (and had active) when it was killed.</param>
/// <param name="DeclaredDeadMs">From the kill until a survivor listed the silo as no longer active; null if it never did in time.</param>
/// <param name="ServedMs">Per session served again (ascending): from the kill until a survivor answered with its whole acknowledged history.</param>
/// <param name="Unserved">Sessions that gave no answer before the bench's timeout.</param>
/// <param name="Lost">Sessions that answered, but with fewer turns than were acknowledged before the kill.</param>
internal sealed record KillResult(int Kill, string Silo, int Sessions, double? DeclaredDeadMs, double[] ServedMs, int Unserved, int Lost)
{
    /// <summary>From the kill until the last of its sessions was served again; null when one never was.</summary>
    public double? AllServedMs => Unserved == 0 && Lost == 0 && ServedMs.Length > 0 ? ServedMs[^1] : null;

    public double? FirstServedMs => ServedMs.Length > 0 ? ServedMs[0] : null;
}
