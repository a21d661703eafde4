using Grains.Interfaces.Models;
using Grains.Tests.Infrastructure;
using Runtime.Membership;
using TestSupport;
using static Grains.Tests.Models.Budgets.SliceTestModels;

namespace Grains.Tests.Models.Budgets;

/// <summary>Three silos in one process share one model's budget through slices leased from its model grain.</summary>
public sealed class ClusterBudgetTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMembershipTable _membership = new();
    private readonly List<ModelSilo> _silos = [];

    private static readonly Dictionary<string, string?> Models = new(
        Model("by-requests", ("Budget:RequestsPerMinute", 600))
            .Concat(Model("by-tokens", ("Budget:TokensPerMinute", 60_000)))
            .Concat(Model("roomy", ("Budget:RequestsPerMinute", 100_000))))
    {
        ["Cluster:HeartbeatPeriod"] = "00:00:02",
    };

    public async ValueTask InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            _silos.Add(await ModelSilo.StartAsync(Models, _time, _membership));
        }
        // One heartbeat: every silo reads the table and sees the others.
        _time.Advance(TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("by-requests", 10)]
    [InlineData("by-tokens", 100)]
    public async Task Three_silos_asking_for_far_more_than_the_budget_together_spend_it_all_and_never_more(string model, int tokensPerCall)
    {
        const int budgetCalls = 600;
        var admitted = new List<TimeSpan>();
        var admittedBySilo = new int[_silos.Count];
        var start = _time.GetUtcNow();

        // Each silo wants 50 calls a second (9,000 a minute between them) for three minutes.
        for (var step = 0; step < 1800; step++)
        {
            for (var s = 0; s < _silos.Count; s++)
            {
                var silo = _silos[s];
                for (var i = 0; i < 5; i++)
                {
                    var admission = await silo.Slices.TryAdmitAsync(model, tokensPerCall);
                    if (admission.Ticket is { } ticket)
                    {
                        admitted.Add(_time.GetUtcNow() - start);
                        admittedBySilo[s]++;
                        await silo.Slices.CompleteAsync(ticket, new CompletionReport(0, CallOutcome.Success, tokensPerCall, 1, 1));
                    }
                }
            }
            _time.Advance(Step);
            await Task.WhenAll(_silos.Select(s => s.Slices.FlushAsync()));
        }

        var busiestMinute = admitted.Max(from => admitted.Count(at => at >= from && at < from + TimeSpan.FromMinutes(1)));
        Assert.True(busiestMinute <= budgetCalls, $"{busiestMinute} calls within one minute, over the budget of {budgetCalls}");
        for (var minute = 0; minute < 3; minute++)
        {
            var inMinute = admitted.Count(at => at >= TimeSpan.FromMinutes(minute) && at < TimeSpan.FromMinutes(minute + 1));
            Assert.True(inMinute >= budgetCalls * 0.99, $"minute {minute}: {inMinute} calls, under 99% of the budget of {budgetCalls}");
        }
        Assert.All(admittedBySilo, count => Assert.True(count > budgetCalls / 10, $"a silo got only {count} calls of {admitted.Count}"));
    }

    [Fact]
    public async Task Under_the_budget_calls_on_every_silo_are_admitted_without_asking_the_model_grain_each_time()
    {
        var admitted = 0;
        for (var step = 0; step < 100; step++)
        {
            foreach (var silo in _silos)
            {
                for (var i = 0; i < 10; i++)
                {
                    var ticket = (await silo.Slices.TryAdmitAsync("roomy", 10)).Ticket;
                    Assert.NotNull(ticket);
                    await silo.Slices.CompleteAsync(ticket, new CompletionReport(0, CallOutcome.Success, 10, 1, 1));
                    admitted++;
                }
            }
            _time.Advance(Step);
        }
        await Task.WhenAll(_silos.Select(s => s.Slices.FlushAsync()));

        var grainCalls = _silos.Sum(s => ModelGrainCalls(s, "roomy"));
        var status = await _silos[0].Grains.GetGrain<IModelGrain>("roomy").GetStatus();
        Assert.Equal(admitted, status.Stats.Calls);
        // Per call it would be two grain calls per admission (admit, complete): 6,000.
        Assert.True(grainCalls * 20 <= admitted, $"{grainCalls} model grain calls for {admitted} admissions");
    }
}
