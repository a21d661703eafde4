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
}
