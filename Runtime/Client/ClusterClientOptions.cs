using System.ComponentModel.DataAnnotations;

namespace Runtime.Client;

/// <summary>Where a hosted cluster client connects.</summary>
public sealed class ClusterClientOptions
{
    public const string Section = "ClusterClient";

    /// <summary>Any silo's HTTP API, e.g. http://127.0.0.1:8080.</summary>
    [Required]
    [Url]
    public string GatewayUrl { get; set; } = "http://127.0.0.1:8080";
}
