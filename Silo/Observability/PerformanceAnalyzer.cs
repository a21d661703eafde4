using Grains.Caching;
using Grains.Interfaces.Models;
using Grains.Models;
using Microsoft.Extensions.Options;
using Runtime;
using Silo.Api;
using Silo.Api.Auth;

namespace Silo.Observability;

/// <summary>Builds the performance read-out from the API's stage windows, the model grains and the cache.</summary>
internal sealed class PerformanceAnalyzer(ApiMetrics metrics, ModelCatalog catalog, IGrainFactory grains, ResponseCache cache, IOptions<AuthOptions> auth)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, string> StageNames = new()
    {
        ["admission"] = "admission (budgets and queueing)",
        ["cache"] = "cache lookup",
        ["ttft"] = "the model's time to first token",
        ["model"] = "model generation",
        ["persist"] = "persistence",
    };

    public async Task<PerformanceAnalysis> AnalyzeAsync()
    {
        var stages = metrics.StagesSince(Window);
        var requests = metrics.RequestsSince(Window);
        var models = await Task.WhenAll(catalog.Ids.Select(id => grains.GetGrain<IModelGrain>(id).GetStatus()));
        var cacheStats = await cache.StatsAsync(auth.Value.Keys.Values.Select(k => k.Tenant).Append(AuthOptions.AnonymousTenant));
        return new PerformanceAnalysis(
            Window.TotalSeconds,
            requests.Total,
            // Over the window, or the silo's uptime while it is younger than the window.
            requests.Total / Math.Min(Window.TotalSeconds, Math.Max(1, (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds)),
            requests.ErrorRate,
            requests.ThrottleRate,
            stages,
            models,
            cacheStats,
            FindBottleneck(stages, models));
    }

    private static Bottleneck FindBottleneck(IReadOnlyDictionary<string, Percentiles> stages, IReadOnlyList<ModelStatus> models)
    {
        var open = models.FirstOrDefault(m => m.Circuit != CircuitState.Closed);
        if (open is not null)
        {
            return new Bottleneck($"model:{open.Id}", 1, $"The circuit of {open.Id} is {open.Circuit}: its calls go to fallbacks or wait.");
        }
        var throttled = models.Where(m => m.Stats.Calls > 0 && m.Stats.ThrottleRate > 0.05).MaxBy(m => m.Stats.ThrottleRate);
        if (throttled is not null)
        {
            return new Bottleneck($"model:{throttled.Id}", throttled.Stats.ThrottleRate,
                $"{throttled.Id} throttles {throttled.Stats.ThrottleRate:P0} of its calls: lower its budget or add a fallback.");
        }
        var total = stages["total"].P50 ?? 0;
        if (total <= 0)
        {
            return new Bottleneck("none", 0, "No requests in the window yet.");
        }
        // ttft is part of model time; compare the parts that add up to the total.
        var (stage, median) = new[] { "admission", "cache", "model", "persist" }
            .Select(s => (s, stages[s].P50 ?? 0)).MaxBy(x => x.Item2);
        var share = Math.Min(1, median / total);
        var detail = stage == "model" && stages["ttft"].P50 is { } ttft ? $" (median time to first token {ttft:0.#} ms)" : "";
        return new Bottleneck(stage, Math.Round(share, 3), $"{StageNames[stage]} takes {share:P0} of a request's median {total:0.#} ms{detail}.");
    }
}
