using System.ComponentModel.DataAnnotations;

namespace Runtime.Hosting;

/// <summary>Membership timing.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>How often this silo writes its heartbeat and re-reads who else is active.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose heartbeat is this many periods old is declared dead by the others.</summary>
    [Range(2, 100)]
    public int MissedHeartbeatsToDeclareDead { get; set; } = 3;
}
