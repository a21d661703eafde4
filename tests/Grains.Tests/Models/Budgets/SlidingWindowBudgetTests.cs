using Grains.Models.Budgets;

namespace Grains.Tests.Models.Budgets;

public sealed class SlidingWindowBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Units_counted_as_spent_later_stay_in_the_window_until_sixty_seconds_after_that()
    {
        var budget = new SlidingWindowBudget(10);

        Assert.NotNull(budget.TryTake(4, T0, spentBy: T0.AddSeconds(1)));
        Assert.NotNull(budget.TryTake(6, T0));

        Assert.Null(budget.TryTake(1, T0.AddSeconds(30)));
        Assert.Equal(6, budget.Available(T0.AddSeconds(60)));
        Assert.Equal(6, budget.Available(T0.AddSeconds(60.9)));
        Assert.Equal(10, budget.Available(T0.AddSeconds(61)));
    }

    [Fact]
    public void Settling_refunds_the_unused_part_and_counts_the_rest_from_its_last_use()
    {
        var budget = new SlidingWindowBudget(10);
        var slice = budget.TryTake(8, T0, spentBy: T0.AddSeconds(1));
        budget.TryTake(2, T0.AddSeconds(0.5));

        budget.Settle(slice, unused: 5, spentBy: T0.AddSeconds(0.2));

        Assert.Equal(5, budget.Available(T0.AddSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(59.2), budget.TimeUntilAvailable(6, T0.AddSeconds(1)));
        Assert.Equal(8, budget.Available(T0.AddSeconds(60.2)));
        Assert.Equal(10, budget.Available(T0.AddSeconds(60.5)));
    }

    [Fact]
    public void Settling_never_moves_units_later_than_first_counted()
    {
        var budget = new SlidingWindowBudget(10);
        var taken = budget.TryTake(10, T0);

        budget.Settle(taken, unused: 0, spentBy: T0.AddSeconds(5));

        Assert.Equal(10, budget.Available(T0.AddSeconds(60)));
    }
}
