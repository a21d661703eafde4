using Grains.Interfaces.Models;

namespace Grains.Models.Budgets;

/// <summary>The next exchange with a model grain, not sent yet: whoever needs it waits for the same one.</summary>
internal sealed class PendingExchange
{
    public bool Wants { get; set; }

    public TaskCompletionSource<BudgetSlice> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
