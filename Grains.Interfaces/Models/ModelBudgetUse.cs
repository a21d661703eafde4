namespace Grains.Interfaces.Models;

/// <summary>What the model's budgets allow and how much is taken now. A limit of 0 means unlimited.</summary>
public sealed record ModelBudgetUse(
    int RequestsPerMinute,
    double RequestsAvailable,
    int TokensPerMinute,
    double TokensAvailable,
    int MaxConcurrency,
    int InFlight,
    int Queued);
