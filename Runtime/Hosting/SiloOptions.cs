using System.ComponentModel.DataAnnotations;

namespace Runtime.Hosting;

/// <summary>The silo's identity and where its grain transport listens.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>A readable name for dashboards and logs; defaults to the host name and process id.</summary>
    public string? Name { get; set; }

    /// <summary>Address the grain transport (HTTP/2, h2c) binds to.</summary>
    [Required]
    public string TransportHost { get; set; } = "127.0.0.1";

    /// <summary>Port of the grain transport; 0 picks a free one, which clients learn from the silo's API.</summary>
    [Range(0, 65535)]
    public int TransportPort { get; set; }

    /// <summary>Host other silos and clients use to reach this one (containers: the task's own address).</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>How long a graceful stop may spend finishing calls and deactivating grains.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(8);
}
