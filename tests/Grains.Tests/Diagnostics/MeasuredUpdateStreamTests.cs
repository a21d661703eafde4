using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Grains.Diagnostics;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Diagnostics;

/// <summary>
/// The lean measured stream (no trace listener): the same figures as the traced one, whether the provider's
/// updates are ready at once or arrive later, and whatever way the stream ends.
/// </summary>
public sealed class MeasuredUpdateStreamTests : IDisposable
{
    private readonly string _model = $"measured-{Guid.NewGuid():N}";
    private readonly List<(string Instrument, double Value, string? Outcome)> _measurements = [];
    private readonly MeterListener _listener = new();

    public MeasuredUpdateStreamTests()
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_whole_stream_is_one_successful_call_with_its_time_to_first_token(bool later)
    {
        var updates = await ReadAsync(new Provider(["", "Hello", " world"], later: later));

        Assert.Equal(["", "Hello", " world"], updates);
        var call = Assert.Single(Measured(ModelInstruments.CallDuration));
        Assert.Equal("success", call.Outcome);
        var ttft = Assert.Single(Measured(ModelInstruments.TimeToFirstToken));
        Assert.InRange(ttft.Value, 0, call.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_throttled_provider_is_a_throttled_call_and_a_throttle(bool later)
    {
        var provider = new Provider(["a"], later, new ModelCallException(ModelErrorKind.Throttled, "slow down", statusCode: 429));

        await Assert.ThrowsAsync<ModelCallException>(() => ReadAsync(provider));

        Assert.Equal("throttled", Assert.Single(Measured(ModelInstruments.CallDuration)).Outcome);
        Assert.Single(Measured(ModelInstruments.Throttles));
    }

    [Fact]
    public async Task A_consumer_that_stops_early_ends_a_cancelled_call()
    {
        await using (var updates = Stream(new Provider(["a", "b", "c"], later: false)).GetAsyncEnumerator())
        {
            Assert.True(await updates.MoveNextAsync());
        }

        Assert.Equal("cancelled", Assert.Single(Measured(ModelInstruments.CallDuration)).Outcome);
    }

    [Fact]
    public async Task A_stream_never_started_measures_nothing()
    {
        await using (Stream(new Provider(["a"], later: false)).GetAsyncEnumerator())
        {
        }

        Assert.Empty(Measured(ModelInstruments.CallDuration));
    }

    [Fact]
    public async Task Each_enumeration_is_a_call_of_its_own()
    {
        var stream = Stream(new Provider(["a"], later: false));

        await ReadAsync(stream);
        await ReadAsync(stream);

        Assert.Equal(2, Measured(ModelInstruments.CallDuration).Count);
    }

    public void Dispose() => _listener.Dispose();

    private IAsyncEnumerable<ChatResponseUpdate> Stream(IChatClient provider) =>
        new MeasuredUpdateStream(provider, [new ChatMessage(ChatRole.User, "hi")], null, _model, CancellationToken.None);

    private Task<List<string>> ReadAsync(IChatClient provider) => ReadAsync(Stream(provider));

    private static async Task<List<string>> ReadAsync(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var texts = new List<string>();
        await foreach (var update in stream)
        {
            texts.Add(update.Text);
        }
        return texts;
    }

    private List<(string Instrument, double Value, string? Outcome)> Measured(string instrument)
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
        // Other tests measure other models in parallel; only this test's model counts.
        if (model == _model)
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, outcome));
            }
        }
    }

    /// <summary>A provider whose updates are ready at once, or each after a yield, and that may fail after them.</summary>
    private sealed class Provider(string[] texts, bool later, Exception? failure = null) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var text in texts)
            {
                if (later)
                {
                    await Task.Yield();
                }
                yield return new ChatResponseUpdate(ChatRole.Assistant, text);
            }
            if (failure is not null)
            {
                throw failure;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
