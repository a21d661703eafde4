using System.ComponentModel.DataAnnotations;

namespace Runtime.Hosting;

/// <summary>Idle collection: activations unused for <see cref="CollectionAge"/> are deactivated.</summary>
public sealed class GrainCollectionOptions
{
    public const string Section = "Grains:Collection";

    /// <summary>How long an activation may sit idle before it is collected.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnDeactivateAsync may take before its token is cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
