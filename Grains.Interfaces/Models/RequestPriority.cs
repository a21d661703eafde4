namespace Grains.Interfaces.Models;

/// <summary>When budgets are short, waiting requests are served by class first (interactive before batch).</summary>
public enum RequestPriority
{
    Interactive = 0,
    Standard = 1,
    Batch = 2,
}
