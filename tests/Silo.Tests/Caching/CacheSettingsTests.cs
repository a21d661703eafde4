using static Silo.Tests.Caching.CacheCalls;

namespace Silo.Tests.Caching;

/// <summary>A silo configured to cache non-zero temperatures and to match by meaning unless a request says otherwise.</summary>
public sealed class CacheSettingsTests(CacheSettingsTests.ConfiguredSilo silo) : IClassFixture<CacheSettingsTests.ConfiguredSilo>
{
    public sealed class ConfiguredSilo : Infrastructure.SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Cache:CacheNonZeroTemperature"] = "true",
            ["Cache:Semantic:Enabled"] = "true",
        };
    }

    [Fact(Timeout = 30_000)]
    public async Task With_cache_non_zero_temperature_a_warm_request_is_cached_under_its_temperature()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("Write a limerick about queues.");

        Assert.Equal("miss", (await AskAsync(http, Body(prompt, temperature: 0.8), ct)).Cache);
        Assert.Equal("hit", (await AskAsync(http, Body(prompt, temperature: 0.8), ct)).Cache);
        Assert.Equal("miss", (await AskAsync(http, Body(prompt, temperature: 0.9), ct)).Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task With_semantic_on_by_configuration_x_cache_semantic_off_turns_it_off()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var ticket = Guid.NewGuid().ToString("N");
        await AskAsync(http, Body($"How do I rotate the API key of project {ticket}?"), ct);

        var off = await AskAsync(http, Body($"How can I rotate the API key of project {ticket}?"), ct, semantic: "off");
        var byDefault = await AskAsync(http, Body($"Please, how can I rotate the API key of project {ticket}?"), ct);

        Assert.Equal("miss", off.Cache);
        Assert.Equal("semantic-hit", byDefault.Cache);
        Assert.NotNull(byDefault.Score);
    }
}
