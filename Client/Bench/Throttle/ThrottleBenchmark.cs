using Grains.Interfaces.Models;
using Grains.Models;
using Grains.Models.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runtime;
using Runtime.Client;
using Runtime.Hosting;

namespace Client.Bench.Throttle;

/// <summary>
/// Runs the quota storm twice: through the cluster (budgets below the provider's quota, fallback model,
/// queueing with a deadline) and with the naive baseline (direct calls, retries with backoff and jitter).
/// </summary>
internal sealed class ThrottleBenchmark(ThrottleSettings settings, Action<string, int, int>? progress)
{
    private static readonly IReadOnlyList<ChatTurn> Prompt = [new("user", "summarize the incident report")];

    public async Task<StormResult> RunClusterAsync(string? siloUrl, CancellationToken cancellationToken)
    {
        var counters = new ProviderCounters();
        await using var embedded = siloUrl is null ? await StartSiloAsync(counters) : null;
        await using var client = await ClusterClient.ConnectAsync(siloUrl ?? embedded!.ApiUrl, cancellationToken);
        var grain = client.GetGrain<ICompletionGrain>("bench");
        var request = new CompletionRequest(ThrottleSettings.Primary, Prompt, MaxTokens: 20, QueueTimeout: settings.QueueTimeout);
        (long Calls, long Throttles)? before = siloUrl is null ? null : await ProviderFiguresAsync(client);
        var (succeeded, latencies, elapsed) = await StormRunner.RunAsync(
            settings.Requests, RequestsPerSecond, (_, token) => grain.Complete(request, token), (done, all) => progress?.Invoke("cluster", done, all), cancellationToken);
        var (calls, throttles) = siloUrl is null
            ? (counters.Calls, counters.Throttled)
            : Difference(await ProviderFiguresAsync(client), before!.Value);
        return new StormResult("cluster", settings.Requests, succeeded, elapsed, latencies, calls, throttles);
    }

    public async Task<StormResult> RunNaiveAsync(CancellationToken cancellationToken)
    {
        var counters = new ProviderCounters();
        var catalog = new ModelCatalog(
            new ConfigurationBuilder().AddInMemoryCollection(settings.SiloConfiguration(CountingModelProvider.ProviderName)).Build(),
            [new CountingModelProvider(TimeProvider.System, counters)]);
        var naive = new NaiveRetryClient(catalog.GetClient(ThrottleSettings.Primary), settings.MaxAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var (succeeded, latencies, elapsed) = await StormRunner.RunAsync(
            settings.Requests, RequestsPerSecond, (_, token) => naive.SendAsync(token), (done, all) => progress?.Invoke("naive", done, all), cancellationToken);
        return new StormResult("naive", settings.Requests, succeeded, elapsed, latencies, counters.Calls, counters.Throttled);
    }

    private double RequestsPerSecond => settings.PrimaryQuotaRpm * settings.StormFactor / 60.0;

    private async Task<EmbeddedSilo> StartSiloAsync(ProviderCounters counters) =>
        await EmbeddedSilo.StartAsync(
            silo => silo.AddGrains(typeof(ModelGrain).Assembly).AddMemoryGrainStorage(),
            settings.SiloConfiguration(CountingModelProvider.ProviderName),
            configureServices: (services, configuration) =>
            {
                services.AddModelLayer(configuration);
                services.AddSingleton<IModelProvider>(sp => new CountingModelProvider(TimeProvider.System, counters));
            });

    /// <summary>Provider calls and throttles of both storm models, from the model grains' rolling figures.</summary>
    private static async Task<(long Calls, long Throttles)> ProviderFiguresAsync(IGrainFactory grains)
    {
        long calls = 0, throttles = 0;
        foreach (var model in new[] { ThrottleSettings.Primary, ThrottleSettings.Fallback })
        {
            var stats = (await grains.GetGrain<IModelGrain>(model).GetStatus()).Stats;
            calls += stats.Calls;
            throttles += (long)Math.Round(stats.Calls * stats.ThrottleRate);
        }
        return (calls, throttles);
    }

    private static (long, long) Difference((long Calls, long Throttles) after, (long Calls, long Throttles) before) =>
        (after.Calls - before.Calls, after.Throttles - before.Throttles);
}
