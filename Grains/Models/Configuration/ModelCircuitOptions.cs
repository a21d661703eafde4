using System.ComponentModel.DataAnnotations;

namespace Grains.Models.Configuration;

/// <summary><c>Models:&lt;id&gt;:Circuit</c>: consecutive failures that open the circuit and how long it stays open.</summary>
public sealed class ModelCircuitOptions
{
    [Range(1, 1000)]
    public int FailureThreshold { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
