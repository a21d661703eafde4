namespace Grains.Interfaces.Models;

/// <summary>
/// Part of a model's budget that a silo may spend on its own for <see cref="Term"/>, counted from when it asked.
/// No slice (<see cref="Id"/> 0) comes with the reason: a denial the silo can pass on, or none when the silo should
/// ask the model grain call by call (the circuit is testing the model, or the model caps concurrency).
/// </summary>
public sealed record BudgetSlice(long Id, int Requests, long Tokens, TimeSpan Term, AdmissionDenial Denial, TimeSpan? RetryAfter, string? Detail)
{
    public bool Granted => Id != 0;

    public static BudgetSlice None { get; } = new(0, 0, 0, TimeSpan.Zero, AdmissionDenial.None, null, null);

    public static BudgetSlice PerCall(string detail) => None with { Detail = detail };

    public static BudgetSlice Deny(AdmissionDenial denial, TimeSpan? retryAfter, string? detail) => None with { Denial = denial, RetryAfter = retryAfter, Detail = detail };
}
