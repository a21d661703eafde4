using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Grains.Diagnostics;
using Grains.Interfaces.Sessions;
using Microsoft.Extensions.AI;
using Silo.Api;
using Silo.Observability;

namespace Benchmarks;

/// <summary>
/// What watching costs per operation on a request's path, with the silo's collector listening ("watched") and
/// without any listener ("unwatched", as with Telemetry:Enabled=false): one histogram record with two tags, one
/// request's stage timings (six records and the dashboard's windows), one 16-token provider stream through the
/// tracing client with nobody tracing (the gateway measures the call); and off the path, one dashboard read of the
/// stage windows when they are full.
/// </summary>
[Config(typeof(BenchConfig))]
public class WatchingBenchmarks
{
    private static readonly StageTimings Timings = new(0.01, 0.02, 0.05, 0.08, 0.0, 0.2);
    private static readonly KeyValuePair<string, object?> RouteTag = new("route", "/v1/chat/completions");
    private static readonly KeyValuePair<string, object?> StageTag = new("stage", "total");

    private Meter _meter = null!;
    private Histogram<double> _histogram = null!;
    private ApiMetrics _api = null!;
    private MetricsCollector? _collector;
    private IChatClient _measured = null!;
    private IChatClient _bare = null!;
    private readonly ChatMessage[] _prompt = [new(ChatRole.User, "hi")];

    [Params(true, false)]
    public bool Watched { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var meterName = $"Benchmarks.Watching.{Guid.NewGuid():N}";
        _meter = new Meter(meterName);
        _histogram = _meter.CreateHistogram<double>("bench.duration", "ms");
        if (Watched)
        {
            _collector = new MetricsCollector([meterName, ApiMetrics.MeterName, ModelInstruments.MeterName]);
            _collector.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        _api = new ApiMetrics(_collector);
        _bare = new FreeModel(16);
        _measured = new TracedChatClient(_bare, "bench-zero");
        // Full windows, as after a busy minute: the read-out's cost is per sample kept.
        for (var i = 0; i < 20_000; i++)
        {
            _api.Record("/v1/chat/completions", Timings);
            _api.Count("/v1/chat/completions", 200);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _collector?.Dispose();
        _api.Dispose();
        _meter.Dispose();
    }

    [Benchmark(Description = "Histogram.Record, 2 tags")]
    public void HistogramRecord() => _histogram.Record(0.25, RouteTag, StageTag);

    [Benchmark(Description = "ApiMetrics: one request's stages + status")]
    public void RequestStages()
    {
        _api.Record("/v1/chat/completions", Timings);
        _api.Count("/v1/chat/completions", 200);
    }

    [Benchmark(Description = "16-token stream, the model alone (as with telemetry off)")]
    public Task<int> BareStream() => CountAsync(_bare);

    [Benchmark(Description = "16-token stream through the tracing client, nobody tracing")]
    public Task<int> MeasuredStream() => CountAsync(_measured);

    [Benchmark(Description = "dashboard read of full stage windows (off the path)")]
    public int StageReadout() => _api.StagesSince(TimeSpan.FromSeconds(10)).Count;

    private async Task<int> CountAsync(IChatClient client)
    {
        var updates = 0;
        await foreach (var _ in client.GetStreamingResponseAsync(_prompt))
        {
            updates++;
        }
        return updates;
    }

    /// <summary>A model that has every token ready: what remains is the tracing client's own cost.</summary>
    private sealed class FreeModel(int tokens) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < tokens; i++)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, "word ");
            }
            await Task.CompletedTask;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
