using System.ComponentModel.DataAnnotations;

namespace Silo.Api;

/// <summary><c>Api</c>: limits of the HTTP API.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    [Range(1024, 256 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
