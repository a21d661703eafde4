using Grains.Interfaces.Models;
using Grains.Tests.Infrastructure;
using TestSupport;

namespace Grains.Tests.Models;

public sealed class ModelGrainTests
{
    private readonly ManualTimeProvider _time = new();

    private static Dictionary<string, string?> Model(string id, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { [$"Models:{id}:Provider"] = "simulated" };
        foreach (var (key, value) in settings)
        {
            configuration[$"Models:{id}:{key}"] = value;
        }
        return configuration;
    }

    [Fact]
    public async Task Requests_per_minute_hold_over_any_sixty_seconds()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:RequestsPerMinute", "2")), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");

        Assert.True((await model.Admit(new AdmissionRequest("t", 10))).Granted);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await model.Admit(new AdmissionRequest("t", 10))).Granted);
        var denied = await model.Admit(new AdmissionRequest("t", 10));

        Assert.False(denied.Granted);
        Assert.Equal(AdmissionDenial.RequestBudget, denied.Denial);
        Assert.Equal(TimeSpan.FromSeconds(40), denied.RetryAfter);
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.True((await model.Admit(new AdmissionRequest("t", 10))).Granted);
    }

    [Fact]
    public async Task Max_tokens_are_reserved_up_front_and_the_unused_part_is_refunded()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:TokensPerMinute", "1000")), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");

        var first = await model.Admit(new AdmissionRequest("t", 600));
        Assert.True(first.Granted);
        Assert.Equal(AdmissionDenial.TokenBudget, (await model.Admit(new AdmissionRequest("t", 600))).Denial);

        await model.Complete(new CompletionReport(first.LeaseId, CallOutcome.Success, 100, 5, 1));

        Assert.True((await model.Admit(new AdmissionRequest("t", 600))).Granted);
        Assert.Equal(300, (await model.GetStatus()).Budget.TokensAvailable);
    }

    [Fact]
    public async Task A_request_larger_than_the_whole_token_budget_is_refused_outright()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:TokensPerMinute", "1000")), _time);

        var result = await silo.Grains.GetGrain<IModelGrain>("m").Admit(new AdmissionRequest("t", 5000, WaitUntil: _time.GetUtcNow().AddMinutes(5)));

        Assert.Equal(AdmissionDenial.TooLarge, result.Denial);
    }

    [Fact]
    public async Task Concurrency_is_capped_and_a_completion_frees_a_slot()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:MaxConcurrency", "1")), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");
        var first = await model.Admit(new AdmissionRequest("t", 10));

        Assert.Equal(AdmissionDenial.Concurrency, (await model.Admit(new AdmissionRequest("t", 10))).Denial);
        await model.Complete(new CompletionReport(first.LeaseId, CallOutcome.Success, 10, 5, 1));

        Assert.True((await model.Admit(new AdmissionRequest("t", 10))).Granted);
    }

    [Fact]
    public async Task The_circuit_opens_after_consecutive_failures_then_lets_one_trial_through()
    {
        await using var silo = await ModelSilo.StartAsync(
            Model("m", ("Circuit:FailureThreshold", "2"), ("Circuit:BreakDuration", "00:00:30")), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");
        for (var i = 0; i < 2; i++)
        {
            var lease = await model.Admit(new AdmissionRequest("t", 10));
            await model.Complete(new CompletionReport(lease.LeaseId, CallOutcome.Throttled, 10, 5, null));
        }

        var open = await model.Admit(new AdmissionRequest("t", 10));
        Assert.Equal(AdmissionDenial.CircuitOpen, open.Denial);
        Assert.Equal(TimeSpan.FromSeconds(30), open.RetryAfter);
        Assert.Equal(CircuitState.Open, (await model.GetStatus()).Circuit);

        _time.Advance(TimeSpan.FromSeconds(30));
        var trial = await model.Admit(new AdmissionRequest("t", 10));
        Assert.True(trial.Granted);
        Assert.Equal(CircuitState.HalfOpen, (await model.GetStatus()).Circuit);
        Assert.Equal(AdmissionDenial.CircuitOpen, (await model.Admit(new AdmissionRequest("t", 10))).Denial);

        await model.Complete(new CompletionReport(trial.LeaseId, CallOutcome.Success, 10, 5, 1));
        Assert.Equal(CircuitState.Closed, (await model.GetStatus()).Circuit);
        Assert.True((await model.Admit(new AdmissionRequest("t", 10))).Granted);
    }

    [Fact]
    public async Task A_failed_trial_opens_the_circuit_again()
    {
        await using var silo = await ModelSilo.StartAsync(
            Model("m", ("Circuit:FailureThreshold", "1"), ("Circuit:BreakDuration", "00:00:10")), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");
        var lease = await model.Admit(new AdmissionRequest("t", 10));
        await model.Complete(new CompletionReport(lease.LeaseId, CallOutcome.TransientError, 10, 5, null));
        _time.Advance(TimeSpan.FromSeconds(10));

        var trial = await model.Admit(new AdmissionRequest("t", 10));
        await model.Complete(new CompletionReport(trial.LeaseId, CallOutcome.TransientError, 10, 5, null));

        Assert.Equal(CircuitState.Open, (await model.GetStatus()).Circuit);
    }

    [Fact]
    public async Task A_request_waits_in_the_queue_for_budget_until_its_deadline()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:RequestsPerMinute", "1")), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");
        Assert.True((await model.Admit(new AdmissionRequest("t", 10))).Granted);

        var patient = model.Admit(new AdmissionRequest("t", 10, WaitUntil: _time.GetUtcNow().AddSeconds(90)));
        var hasty = model.Admit(new AdmissionRequest("t", 10, WaitUntil: _time.GetUtcNow().AddSeconds(10)));
        await _time.WaitForTimerDueAtAsync(_time.GetUtcNow().AddSeconds(10));
        Assert.False(patient.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(AdmissionDenial.QueueTimeout, (await hasty.WaitAsync(TimeSpan.FromSeconds(10))).Denial);
        await _time.WaitForTimerDueAtAsync(_time.GetUtcNow().AddSeconds(50));
        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.True((await patient.WaitAsync(TimeSpan.FromSeconds(10))).Granted);
    }

    [Fact]
    public async Task Waiting_requests_are_served_by_priority_then_round_robin_across_tenants()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m", ("Budget:MaxConcurrency", "1")), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");
        var held = await model.Admit(new AdmissionRequest("t", 10));
        var deadline = _time.GetUtcNow().AddMinutes(5);
        var served = new List<string>();
        using var grantedOne = new SemaphoreSlim(0);
        var waiting = new Dictionary<string, Task<AdmissionResult>>();
        void Wait(string name, string tenant, RequestPriority priority) =>
            waiting[name] = model.Admit(new AdmissionRequest(tenant, 10, priority, deadline)).ContinueWith(t =>
            {
                lock (served) { served.Add(name); }
                grantedOne.Release();
                return t.Result;
            });

        Wait("a1", "a", RequestPriority.Batch);
        Wait("a2", "a", RequestPriority.Batch);
        Wait("a3", "a", RequestPriority.Batch);
        Wait("b1", "b", RequestPriority.Batch);
        Wait("urgent", "c", RequestPriority.Interactive);
        var lease = held.LeaseId;
        for (var i = 0; i < waiting.Count; i++)
        {
            await model.Complete(new CompletionReport(lease, CallOutcome.Success, 10, 5, 1));
            Assert.True(await grantedOne.WaitAsync(TimeSpan.FromSeconds(10)));
            lease = (await waiting[served[i]]).LeaseId;
        }

        Assert.Equal(["urgent", "a1", "b1", "a2", "a3"], served);
    }

    [Fact]
    public async Task The_status_reports_rolling_latency_percentiles_and_rates()
    {
        await using var silo = await ModelSilo.StartAsync(Model("m"), _time);
        var model = silo.Grains.GetGrain<IModelGrain>("m");
        for (var i = 1; i <= 100; i++)
        {
            var lease = await model.Admit(new AdmissionRequest("t", 10));
            var outcome = i % 10 == 0 ? CallOutcome.Throttled : CallOutcome.Success;
            await model.Complete(new CompletionReport(lease.LeaseId, outcome, 10, i, i / 10.0));
        }

        var status = await model.GetStatus();

        Assert.Equal(100, status.Stats.Calls);
        Assert.Equal(0.9, status.Stats.SuccessRate, 3);
        Assert.Equal(0.1, status.Stats.ThrottleRate, 3);
        Assert.Equal(49, status.Stats.LatencyP50Ms);
        Assert.Equal(99, status.Stats.LatencyP99Ms);
        Assert.Equal("simulated", status.Provider);
    }
}
