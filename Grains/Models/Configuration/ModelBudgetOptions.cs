using System.ComponentModel.DataAnnotations;

namespace Grains.Models.Configuration;

/// <summary>Our own budget for a model (<c>Models:&lt;id&gt;:Budget</c>), set below the provider's quota. 0 = unlimited.</summary>
public sealed class ModelBudgetOptions
{
    [Range(0, int.MaxValue)]
    public int RequestsPerMinute { get; set; }

    [Range(0, int.MaxValue)]
    public int TokensPerMinute { get; set; }

    [Range(0, int.MaxValue)]
    public int MaxConcurrency { get; set; }

    /// <summary>
    /// How long a silo may spend a slice of the budget leased from the model grain before it settles it: longer
    /// means fewer exchanges, and spent units held back from the window for up to this long. Zero: every call
    /// asks the model grain. Models with <see cref="MaxConcurrency"/> always ask call by call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SliceTerm { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether silos admit calls from leased slices rather than asking the model grain each time.</summary>
    public bool UsesSlices => SliceTerm > TimeSpan.Zero && MaxConcurrency == 0;
}
