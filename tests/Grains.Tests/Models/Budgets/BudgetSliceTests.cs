using Grains.Interfaces.Models;
using Grains.Models.Budgets;
using Grains.Tests.Infrastructure;
using TestSupport;
using static Grains.Tests.Models.Budgets.SliceTestModels;

namespace Grains.Tests.Models.Budgets;

public sealed class BudgetSliceTests
{
    private readonly ManualTimeProvider _time = new();

    private static CompletionReport Success(int tokens = 10) => new(0, CallOutcome.Success, tokens, 5, 1);

    private static async Task<AdmissionTicket> AdmitAsync(ModelSilo silo, string model = "m", int tokens = 10)
    {
        var admission = await silo.Slices.TryAdmitAsync(model, tokens);
        return admission.Ticket ?? throw new InvalidOperationException($"Not admitted from a slice: {admission.Denied?.Detail ?? "ask per call"}");
    }

    [Fact]
    public async Task Calls_admitted_from_slices_reach_the_model_grain_in_batches_not_one_by_one()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:RequestsPerMinute", 1000)), _time);

        for (var i = 0; i < 60; i++)
        {
            await silo.Slices.CompleteAsync(await AdmitAsync(silo), Success());
        }
        var status = await silo.StatusAsync("m");

        Assert.Equal(60, status.Stats.Calls);
        // Per-call admission would be 120 calls (admit and complete); slices need a handful of exchanges.
        Assert.InRange(ModelGrainCalls(silo, "m"), 1, 30);
        Assert.InRange(status.Budget.RequestsAvailable, 0, 1000 - 60);
    }

    [Fact]
    public async Task What_a_silo_did_not_spend_goes_back_to_the_budget_when_the_term_ends()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:RequestsPerMinute", 100), ("Budget:SliceTerm", "00:00:01")), _time);
        for (var i = 0; i < 3; i++)
        {
            await silo.Slices.CompleteAsync(await AdmitAsync(silo), Success());
        }
        var whileHeld = (await silo.StatusAsync("m")).Budget.RequestsAvailable;

        _time.Advance(TimeSpan.FromSeconds(1));
        var afterTerm = (await silo.StatusAsync("m")).Budget.RequestsAvailable;

        Assert.True(whileHeld < 97, $"the silo holds more than it spent while its slice lasts ({whileHeld} left)");
        Assert.Equal(97, afterTerm);
    }

    [Fact]
    public async Task Spent_requests_free_sixty_seconds_after_their_last_use_not_after_the_term()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:RequestsPerMinute", 100), ("Budget:SliceTerm", "00:00:10")), _time);
        for (var i = 0; i < 10; i++)
        {
            await silo.Slices.CompleteAsync(await AdmitAsync(silo), Success());
        }
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(90, (await silo.StatusAsync("m")).Budget.RequestsAvailable);

        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.Equal(100, (await silo.StatusAsync("m")).Budget.RequestsAvailable);
    }

    [Fact]
    public async Task Tokens_left_over_by_a_call_are_spent_again_from_the_same_slice()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:TokensPerMinute", 10_000)), _time);
        var first = await AdmitAsync(silo, tokens: 900);

        await silo.Slices.CompleteAsync(first, Success(tokens: 100));
        var exchangesBefore = ModelGrainCalls(silo, "m");
        var second = await AdmitAsync(silo, tokens: 800);

        Assert.Same(first.Slice, second.Slice);
        Assert.Equal(exchangesBefore, ModelGrainCalls(silo, "m"));
    }

    [Fact]
    public async Task Calls_running_under_a_silos_slices_count_as_in_flight_in_the_models_status()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m"), _time);
        var first = await AdmitAsync(silo);
        var second = await AdmitAsync(silo);

        var running = (await silo.StatusAsync("m")).Budget.InFlight;
        await silo.Slices.CompleteAsync(first, Success());
        await silo.Slices.CompleteAsync(second, Success());
        var done = (await silo.StatusAsync("m")).Budget.InFlight;

        Assert.Equal((2, 0), (running, done));
    }

    [Fact]
    public async Task A_failure_is_reported_at_once_and_an_open_circuit_closes_the_silos_slices()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Circuit:FailureThreshold", 1)), _time);
        var ticket = await AdmitAsync(silo);

        await silo.Slices.CompleteAsync(ticket, new CompletionReport(0, CallOutcome.TransientError, 10, 5, null));
        var next = await silo.Slices.TryAdmitAsync("m", 10);

        Assert.Equal(CircuitState.Open, (await silo.Grains.GetGrain<IModelGrain>("m").GetStatus()).Circuit);
        Assert.Null(next.Ticket);
        Assert.Equal(AdmissionDenial.CircuitOpen, next.Denied?.Denial);
    }

    [Fact]
    public async Task A_spent_budget_is_refused_with_the_time_until_it_frees()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:RequestsPerMinute", 2)), _time);
        await silo.Slices.CompleteAsync(await AdmitAsync(silo), Success());
        await silo.Slices.CompleteAsync(await AdmitAsync(silo), Success());

        var refused = await silo.Slices.TryAdmitAsync("m", 10);

        Assert.Null(refused.Ticket);
        Assert.Equal(AdmissionDenial.RequestBudget, refused.Denied?.Denial);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Denied?.RetryAfter);
    }

    [Theory]
    [InlineData("Budget:MaxConcurrency", "4")]
    [InlineData("Budget:SliceTerm", "00:00:00")]
    public async Task Models_capping_concurrency_or_without_a_slice_term_are_admitted_call_by_call(string key, string value)
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", (key, value)), _time);

        var admission = await silo.Slices.TryAdmitAsync("m", 10);

        Assert.Equal(SliceAdmission.AskPerCall, admission);
        Assert.Equal(0, ModelGrainCalls(silo, "m"));
    }
}
