using Microsoft.Extensions.DependencyInjection;
using Silo.Observability;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Observability;

/// <summary>
/// The collector finds a measurement's series by the identity of its tag values, so every call site on a request's
/// path must pass the same instances request after request (a model's configured id, a grain type's name, literal
/// outcomes). A value made anew per request (the model name parsed from the request body, say) would index a new
/// identity per request, and once the index is full, send every measurement to the slower lookup by text.
/// </summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed class SeriesIdentityTests(SeriesIdentityTests.TwoModels silo) : IClassFixture<SeriesIdentityTests.TwoModels>
{
    /// <summary>sim-small admits from budget slices; capped asks its model grain call by call, with the routed id.</summary>
    public sealed class TwoModels : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Models:capped:Provider"] = "simulated",
            ["Models:capped:TtftMs"] = "0",
            ["Models:capped:TokensPerSecond"] = "0",
            ["Models:capped:OutputTokens"] = "3",
            ["Models:capped:Budget:MaxConcurrency"] = "4",
        };
    }

    [Fact(Timeout = 60_000)]
    public async Task Repeated_traffic_indexes_no_new_tag_identities()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var collector = silo.App.Services.GetRequiredService<MetricsCollector>();
        await TrafficAsync(http, ct);
        var before = collector.IdentitiesByFamily();
        Assert.True(before.GetValueOrDefault("model_call_duration_milliseconds") > 0, "the model calls were not measured");

        await TrafficAsync(http, ct);

        var grown = collector.IdentitiesByFamily()
            .Where(family => family.Value != before.GetValueOrDefault(family.Key))
            .Select(family => $"{family.Key}: {before.GetValueOrDefault(family.Key)} -> {family.Value}");
        Assert.Empty(grown);
    }

    /// <summary>Completions (streamed or not, each model spelled two ways, cached or not) and session turns.</summary>
    private static async Task TrafficAsync(HttpClient http, CancellationToken ct)
    {
        foreach (var model in new[] { "sim-small", "SIM-SMALL", "capped", "Capped" })
        {
            var prompt = $"identity {Guid.NewGuid():N}";
            await CompleteAsync(http, UserMessage(prompt, model), null, ct);
            await CompleteAsync(http, UserMessage(prompt, model), null, ct);
            using var streamed = ChatCompletion(Json(UserMessage($"identity {Guid.NewGuid():N}", model, stream: true)));
            using var response = await http.SendAsync(streamed, ct);
            await response.Content.ReadAsStringAsync(ct);
            await SendSessionMessageAsync(http, $"identity-{Guid.NewGuid():N}", "hello", ct);
        }
    }
}
