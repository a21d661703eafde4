using System.ComponentModel.DataAnnotations;

namespace Grains.Sessions;

/// <summary><c>Sessions</c>: how much history goes to the model with each turn.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Estimated tokens of history sent with a turn; the oldest turns go first, system prompts stay.</summary>
    [Range(16, 10_000_000)]
    public int HistoryTokenBudget { get; set; } = 6000;
}
