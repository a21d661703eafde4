using Grains.Interfaces.Models;
using Grains.Models;
using Grains.Models.Providers;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using TestSupport;

namespace Grains.Tests.Models;

public sealed class ModelGatewayTests
{
    private readonly ManualTimeProvider _time = new();

    private static Dictionary<string, string?> Scripted(params string[] models)
    {
        var configuration = new Dictionary<string, string?> { ["Retry:BaseDelay"] = "00:00:00" };
        foreach (var model in models)
        {
            configuration[$"Models:{model}:Provider"] = "scripted";
        }
        return configuration;
    }

    private static ModelCallRequest Ask(string model, string prompt = "hello") =>
        new() { Model = model, Messages = [new ChatMessage(ChatRole.User, prompt)], MaxTokens = 50 };

    [Fact]
    public async Task A_streamed_answer_arrives_token_by_token_and_ends_with_a_summary()
    {
        await using var silo = await ModelSilo.StartAsync(Scripted("a"), _time);
        silo.Scripted.For("a").Then(ScriptedStep.Answer("one ", "two ", "three"));

        var events = await silo.Gateway.StreamAsync(Ask("a")).ToListAsync();

        Assert.Equal(["one ", "two ", "three"], events.Where(e => e.Text is not null).Select(e => e.Text));
        var summary = Assert.Single(events, e => e.Summary is not null).Summary!;
        Assert.Equal("a", summary.Model);
        Assert.Equal(1, summary.Attempts);
        Assert.Equal(3, summary.OutputTokens);
        var status = await silo.StatusAsync("a");
        Assert.Equal(1, status.Stats.Calls);
        Assert.Equal(1, status.Stats.SuccessRate);
    }

    [Fact]
    public async Task A_model_named_in_another_case_is_the_configured_model_with_its_one_budget()
    {
        var configuration = Scripted("alpha", "beta");
        configuration["Models:alpha:Fallbacks:0"] = "BETA";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);
        silo.Scripted.For("alpha").Then(ScriptedStep.Answer("one"), ScriptedStep.Fail(ModelErrorKind.Throttled, TimeSpan.FromSeconds(30)));
        silo.Scripted.For("beta").Then(ScriptedStep.Answer("two"));

        var first = await silo.Gateway.CompleteAsync(Ask("ALPHA"));
        var second = await silo.Gateway.CompleteAsync(Ask("Alpha"));

        Assert.Equal("alpha", first.Summary.Model);
        Assert.Equal(["alpha", "beta"], second.Summary.ModelsTried);
        Assert.Equal(2, (await silo.StatusAsync("alpha")).Stats.Calls);
    }

    [Fact]
    public async Task A_throttled_model_hands_the_request_to_its_fallback()
    {
        var configuration = Scripted("a", "b");
        configuration["Models:a:Fallbacks:0"] = "b";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);
        silo.Scripted.For("a").Then(ScriptedStep.Fail(ModelErrorKind.Throttled, TimeSpan.FromSeconds(30)));
        silo.Scripted.For("b").Then(ScriptedStep.Answer("from b"));

        var result = await silo.Gateway.CompleteAsync(Ask("a"));

        Assert.Equal("from b", result.Text);
        Assert.Equal(["a", "b"], result.Summary.ModelsTried);
        Assert.Equal(0.0, (await silo.StatusAsync("a")).Stats.SuccessRate);
    }

    [Fact]
    public async Task Without_a_fallback_a_throttled_call_waits_the_retry_after_then_retries()
    {
        await using var silo = await ModelSilo.StartAsync(Scripted("a"), _time);
        silo.Scripted.For("a").Then(ScriptedStep.Fail(ModelErrorKind.Throttled, TimeSpan.FromSeconds(2)), ScriptedStep.Answer("later"));

        var call = silo.Gateway.CompleteAsync(Ask("a"));
        await _time.WaitForTimerDueAtAsync(_time.GetUtcNow().AddSeconds(2));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));

        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("later", result.Text);
        Assert.Equal(2, silo.Scripted.For("a").Calls.Count);
    }

    [Fact]
    public async Task A_transient_failure_before_the_first_token_is_retried_on_the_same_model()
    {
        await using var silo = await ModelSilo.StartAsync(Scripted("a"), _time);
        silo.Scripted.For("a").Then(ScriptedStep.Fail(ModelErrorKind.Transient), ScriptedStep.Answer("second time"));

        var result = await silo.Gateway.CompleteAsync(Ask("a"));

        Assert.Equal("second time", result.Text);
        Assert.Equal(["a", "a"], result.Summary.ModelsTried);
    }

    [Fact]
    public async Task A_permanent_error_is_not_retried()
    {
        var configuration = Scripted("a", "b");
        configuration["Models:a:Fallbacks:0"] = "b";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);
        silo.Scripted.For("a").Then(ScriptedStep.Fail(ModelErrorKind.Permanent));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => silo.Gateway.CompleteAsync(Ask("a")));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.Single(silo.Scripted.For("a").Calls);
        Assert.Empty(silo.Scripted.For("b").Calls);
    }

    [Fact]
    public async Task A_stream_broken_mid_way_continues_on_the_fallback_from_the_partial_answer()
    {
        var configuration = Scripted("a", "b");
        configuration["Models:a:Fallbacks:0"] = "b";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);
        silo.Scripted.For("a").Then(ScriptedStep.BreakAfter(ModelErrorKind.Transient, "one ", "two "));
        silo.Scripted.For("b").Then(ScriptedStep.Answer("three"));

        var events = await silo.Gateway.StreamAsync(Ask("a", "count to three")).ToListAsync();

        Assert.Equal("one two three", string.Concat(events.Select(e => e.Text)));
        var continuation = Assert.Single(silo.Scripted.For("b").Calls);
        Assert.Equal(ChatRole.Assistant, continuation[^1].Role);
        Assert.Equal("one two ", continuation[^1].Text);
        Assert.Equal("count to three", continuation[^2].Text);
        Assert.Equal(["a", "b"], events.Single(e => e.Summary is not null).Summary!.ModelsTried);
    }

    [Fact]
    public async Task A_model_with_an_open_circuit_is_skipped()
    {
        var configuration = Scripted("a", "b");
        configuration["Models:a:Fallbacks:0"] = "b";
        configuration["Models:a:Circuit:FailureThreshold"] = "1";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);
        silo.Scripted.For("a").Then(ScriptedStep.Fail(ModelErrorKind.Transient));

        await silo.Gateway.CompleteAsync(Ask("a"));
        var callsToA = silo.Scripted.For("a").Calls.Count;
        var result = await silo.Gateway.CompleteAsync(Ask("a"));

        Assert.Equal(CircuitState.Open, (await silo.Grains.GetGrain<IModelGrain>("a").GetStatus()).Circuit);
        Assert.Equal(callsToA, silo.Scripted.For("a").Calls.Count);
        Assert.Equal(["b"], result.Summary.ModelsTried);
    }

    [Fact]
    public async Task When_every_budget_is_spent_the_request_queues_instead_of_failing()
    {
        var configuration = Scripted("a");
        configuration["Models:a:Budget:RequestsPerMinute"] = "1";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);
        await silo.Gateway.CompleteAsync(Ask("a"));

        var queued = silo.Gateway.CompleteAsync(Ask("a") with { QueueTimeout = TimeSpan.FromMinutes(2) });
        await _time.WaitForTimerDueAtAsync(_time.GetUtcNow().AddSeconds(60));
        Assert.False(queued.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal("ok", (await queued.WaitAsync(TimeSpan.FromSeconds(10))).Text);
    }

    [Fact]
    public async Task When_the_queue_deadline_passes_the_request_fails_with_a_clear_reason()
    {
        var configuration = Scripted("a");
        configuration["Models:a:Budget:RequestsPerMinute"] = "1";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);
        await silo.Gateway.CompleteAsync(Ask("a"));

        var queued = silo.Gateway.CompleteAsync(Ask("a") with { QueueTimeout = TimeSpan.FromSeconds(5) });
        await _time.WaitForTimerDueAtAsync(_time.GetUtcNow().AddSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => queued.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AdmissionDenial.QueueTimeout, error.Reason);
    }

    [Theory]
    [InlineData("hi, what time is it?", "small")]
    [InlineData("Please analyze the trade-offs of this architecture", "large")]
    public async Task Auto_routes_simple_requests_to_the_small_model_and_complex_ones_to_the_large(string prompt, string expected)
    {
        var configuration = Scripted("small", "large");
        configuration["Routing:SmallModel"] = "small";
        configuration["Routing:LargeModel"] = "large";
        await using var silo = await ModelSilo.StartAsync(configuration, _time);

        var result = await silo.Gateway.CompleteAsync(Ask("auto", prompt));

        Assert.Equal(expected, result.Summary.Model);
        Assert.Equal(expected, result.Summary.RoutingClass);
    }

    [Fact]
    public async Task Unknown_models_and_out_of_range_max_tokens_are_refused_before_any_call()
    {
        await using var silo = await ModelSilo.StartAsync(Scripted("a"), _time);

        var unknown = await Assert.ThrowsAsync<UnknownModelException>(() => silo.Gateway.CompleteAsync(Ask("nope")));
        var tooMany = await Assert.ThrowsAsync<InvalidModelRequestException>(() => silo.Gateway.CompleteAsync(Ask("a") with { MaxTokens = 1_000_000 }));

        Assert.Contains("a", unknown.Message);
        Assert.Contains("max_tokens", tooMany.Message);
        Assert.Empty(silo.Scripted.For("a").Calls);
    }
}
