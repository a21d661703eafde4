using System.Diagnostics.Metrics;
using Grains.Diagnostics;
using Grains.Models;
using Grains.Models.Providers;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using TestSupport;

namespace Grains.Tests.Models;

/// <summary>
/// The gateway measures each provider attempt once, with the outcome it reports to the model grain, whatever way the
/// attempt ends, including a consumer that stops reading (which must also hand back its admission).
/// </summary>
public sealed class ModelGatewayMetricsTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly string _first = $"first-{Guid.NewGuid():N}";
    private readonly string _second = $"second-{Guid.NewGuid():N}";
    private readonly List<(string Instrument, string Model, string? Outcome, double Value)> _measurements = [];
    private readonly MeterListener _listener = new();

    public ModelGatewayMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ModelInstruments.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Collect(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Collect(instrument, value, tags));
        _listener.Start();
    }

    [Fact]
    public async Task A_throttled_attempt_and_the_fallback_that_answers_are_one_call_each()
    {
        await using var silo = await ModelSilo.StartAsync(Scripted(($"Models:{_first}:Fallbacks:0", _second)), _time);
        silo.Scripted.For(_first).Then(ScriptedStep.Fail(ModelErrorKind.Throttled, TimeSpan.FromSeconds(30)));
        silo.Scripted.For(_second).Then(ScriptedStep.Answer("one ", "two"));

        await silo.Gateway.CompleteAsync(Ask(_first));

        Assert.Equal([(_first, "throttled"), (_second, "success")], Calls());
        Assert.Equal([_first], Measured(ModelInstruments.Throttles).Select(m => m.Model));
        Assert.Equal([_second], Measured(ModelInstruments.TimeToFirstToken).Select(m => m.Model));
    }

    [Fact]
    public async Task A_consumer_that_stops_reading_ends_a_cancelled_call_and_frees_its_place()
    {
        await using var silo = await ModelSilo.StartAsync(Scripted(($"Models:{_first}:Budget:MaxConcurrency", "1")), _time);
        silo.Scripted.For(_first).Then(ScriptedStep.Answer("one ", "two ", "three"));

        await using (var events = silo.Gateway.StreamAsync(Ask(_first)).GetAsyncEnumerator())
        {
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("one ", events.Current.Text);
            Assert.Equal(1, (await silo.StatusAsync(_first)).Budget.InFlight);
        }

        Assert.Equal([(_first, "cancelled")], Calls());
        Assert.Equal(0, (await silo.StatusAsync(_first)).Budget.InFlight);
    }

    [Fact]
    public async Task A_call_abandoned_mid_answer_keeps_the_tokens_it_spent_charged_to_the_budget()
    {
        await using var silo = await ModelSilo.StartAsync(
            Scripted(($"Models:{_first}:Budget:MaxConcurrency", "1"), ($"Models:{_first}:Budget:TokensPerMinute", "1000")), _time);
        silo.Scripted.For(_first).Then(ScriptedStep.Answer("one ", "two ", "three"));

        await using (var events = silo.Gateway.StreamAsync(Ask(_first)).GetAsyncEnumerator())
        {
            Assert.True(await events.MoveNextAsync());
        }

        var budget = (await silo.StatusAsync(_first)).Budget;
        Assert.Equal(0, budget.InFlight);
        // The prompt and the one token read stay spent; the rest of the reservation (max tokens) comes back.
        var spent = budget.TokensPerMinute - budget.TokensAvailable;
        Assert.InRange(spent, 2, 100);
    }

    [Fact]
    public async Task A_call_cancelled_mid_answer_keeps_the_tokens_it_spent_charged_to_the_budget()
    {
        await using var silo = await ModelSilo.StartAsync(
            Scripted(($"Models:{_first}:Budget:MaxConcurrency", "1"), ($"Models:{_first}:Budget:TokensPerMinute", "1000")), _time);
        silo.Scripted.For(_first).Then(ScriptedStep.Answer("one ", "two ", "three"));
        using var cancel = new CancellationTokenSource();

        await using (var events = silo.Gateway.StreamAsync(Ask(_first), cancel.Token).GetAsyncEnumerator())
        {
            Assert.True(await events.MoveNextAsync());
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());
        }

        Assert.Equal([(_first, "cancelled")], Calls());
        var budget = (await silo.StatusAsync(_first)).Budget;
        Assert.Equal(0, budget.InFlight);
        Assert.InRange(budget.TokensPerMinute - budget.TokensAvailable, 2, 100);
    }

    [Fact]
    public async Task Calls_are_measured_under_the_configured_id_as_one_instance_however_requests_spell_it()
    {
        await using var silo = await ModelSilo.StartAsync(Scripted(), _time);
        silo.Scripted.For(_first).Then(ScriptedStep.Answer("one"), ScriptedStep.Answer("two"));

        await silo.Gateway.CompleteAsync(Ask(_first.ToUpperInvariant()));
        await silo.Gateway.CompleteAsync(Ask(string.Concat(_first[..1].ToUpperInvariant(), _first[1..])));

        var calls = Measured(ModelInstruments.CallDuration);
        Assert.Equal([_first, _first], calls.Select(c => c.Model));
        // The collector finds a series by the identity of its tag values: one instance, not one per request.
        Assert.Same(calls[0].Model, calls[1].Model);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Both of the test's models scripted, with <paramref name="settings"/> on top.</summary>
    private Dictionary<string, string?> Scripted(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Retry:BaseDelay"] = "00:00:00",
            [$"Models:{_first}:Provider"] = "scripted",
            [$"Models:{_second}:Provider"] = "scripted",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        return configuration;
    }

    private static ModelCallRequest Ask(string model) => new() { Model = model, Messages = [new ChatMessage(ChatRole.User, "hello")], MaxTokens = 50 };

    private List<(string Model, string? Outcome)> Calls() => [.. Measured(ModelInstruments.CallDuration).Select(m => (m.Model, m.Outcome))];

    private List<(string Instrument, string Model, string? Outcome, double Value)> Measured(string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument)];
        }
    }

    private void Collect(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? model = null, outcome = null;
        foreach (var tag in tags)
        {
            model = tag.Key == "model" ? tag.Value as string : model;
            outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
        }
        // Other tests measure other models in parallel; only this test's models count.
        if (string.Equals(model, _first, StringComparison.OrdinalIgnoreCase) || string.Equals(model, _second, StringComparison.OrdinalIgnoreCase))
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, model!, outcome, value));
            }
        }
    }
}
