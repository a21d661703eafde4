using System.Net;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Caching.CacheCalls;
using static Silo.Tests.Caching.CacheKeys;

namespace Silo.Tests.Caching;

/// <summary>The response caches through the OpenAI-compatible API: X-Cache, tenants, bypass headers, streaming replay, semantic opt-in.</summary>
public sealed class CacheApiTests(CacheApiTests.KeyedSilo silo) : IClassFixture<CacheApiTests.KeyedSilo>
{
    public sealed class KeyedSilo : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = CacheKeys.Settings();
    }

    [Fact(Timeout = 30_000)]
    public async Task The_same_question_again_is_a_hit_with_the_same_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("What is a grain?");

        var miss = await AskAsync(http, Body(prompt), ct, TenantA);
        var hit = await AskAsync(http, Body(prompt), ct, TenantA);

        Assert.Equal(("miss", "hit"), (miss.Cache, hit.Cache));
        Assert.Equal(miss.Answer, hit.Answer);
        Assert.Null(hit.Score);
        Assert.Contains("\"usage\"", hit.Body, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Another_tenant_asking_the_same_question_misses()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("What is a silo?");
        await AskAsync(http, Body(prompt), ct, TenantA);

        var otherTenant = await AskAsync(http, Body(prompt), ct, TenantB);
        var admin = await AskAsync(http, Body(prompt), ct, Admin, cacheControl: "no-store");
        var sameTenant = await AskAsync(http, Body(prompt), ct, TenantA);

        Assert.Equal("miss", otherTenant.Cache);
        Assert.Equal("miss", admin.Cache);
        Assert.Equal("hit", sameTenant.Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task Another_tenant_never_gets_a_semantic_hit_on_a_tenants_entry()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var ticket = Guid.NewGuid().ToString("N");
        await AskAsync(http, Body($"How do I reset my password for account {ticket}?"), ct, TenantA, semantic: "on");

        var otherTenant = await AskAsync(http, Body($"How can I reset my password for account {ticket}?"), ct, TenantB, semantic: "on");
        var sameTenant = await AskAsync(http, Body($"How can I reset my password for account {ticket}, please?"), ct, TenantA, semantic: "on");

        Assert.Equal("miss", otherTenant.Cache);
        Assert.Equal("semantic-hit", sameTenant.Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_cache_skips_the_lookup_but_stores_the_fresh_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("Explain placement.");
        await AskAsync(http, Body(prompt), ct, TenantA);

        var bypass = await AskAsync(http, Body(prompt), ct, TenantA, cacheControl: "no-cache");
        Assert.Equal("bypass", bypass.Cache);

        var fresh = Unique("Explain activation.");
        Assert.Equal("bypass", (await AskAsync(http, Body(fresh), ct, TenantA, cacheControl: "no-cache")).Cache);
        Assert.Equal("hit", (await AskAsync(http, Body(fresh), ct, TenantA)).Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_store_looks_up_but_does_not_store()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var stored = Unique("Explain membership.");
        await AskAsync(http, Body(stored), ct, TenantA);
        var fresh = Unique("Explain heartbeats.");

        Assert.Equal("hit", (await AskAsync(http, Body(stored), ct, TenantA, cacheControl: "no-store")).Cache);
        Assert.Equal("miss", (await AskAsync(http, Body(fresh), ct, TenantA, cacheControl: "no-store")).Cache);
        Assert.Equal("miss", (await AskAsync(http, Body(fresh), ct, TenantA)).Cache);
        Assert.Equal("hit", (await AskAsync(http, Body(fresh), ct, TenantA)).Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_cache_and_no_store_together_neither_look_up_nor_store()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var stored = Unique("Explain grain directories.");
        await AskAsync(http, Body(stored), ct, TenantA);
        var fresh = Unique("Explain turn-based concurrency.");

        Assert.Equal("bypass", (await AskAsync(http, Body(stored), ct, TenantA, cacheControl: "no-cache, no-store")).Cache);
        Assert.Equal("bypass", (await AskAsync(http, Body(fresh), ct, TenantA, cacheControl: "no-store, no-cache")).Cache);
        Assert.Equal("miss", (await AskAsync(http, Body(fresh), ct, TenantA)).Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_non_zero_temperature_is_bypassed_by_default()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("Write a limerick about queues.");

        Assert.Equal("bypass", (await AskAsync(http, Body(prompt, temperature: 0.8), ct, TenantA)).Cache);
        Assert.Equal("bypass", (await AskAsync(http, Body(prompt, temperature: 0.8), ct, TenantA)).Cache);
        Assert.Equal("miss", (await AskAsync(http, Body(prompt, temperature: 0), ct, TenantA)).Cache);
        Assert.Equal("hit", (await AskAsync(http, Body(prompt, temperature: 0), ct, TenantA)).Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_streaming_hit_replays_the_stored_chunks_as_sse_chunks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("Stream me an answer.");

        var miss = await AskAsync(http, Body(prompt, stream: true), ct, TenantA);
        var hit = await AskAsync(http, Body(prompt, stream: true), ct, TenantA);

        Assert.Equal(("miss", "hit"), (miss.Cache, hit.Cache));
        Assert.Equal(InstantModels.OutputTokens, miss.Chunks.Count);
        Assert.Equal(miss.Chunks, hit.Chunks);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_answer_stored_by_a_json_request_streams_as_its_original_chunks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("Answer once, replay twice.");

        var json = await AskAsync(http, Body(prompt), ct, TenantA);
        var stream = await AskAsync(http, Body(prompt, stream: true), ct, TenantA);

        Assert.Equal("hit", stream.Cache);
        Assert.Equal(InstantModels.OutputTokens, stream.Chunks.Count);
        Assert.Equal(json.Answer, string.Concat(stream.Chunks));
    }

    [Fact(Timeout = 30_000)]
    public async Task Semantic_matching_is_off_unless_the_request_says_x_cache_semantic_on()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var ticket = Guid.NewGuid().ToString("N");
        var stored = $"How do I rotate the API key of project {ticket}?";
        var paraphrase = $"How can I rotate the API key of project {ticket}?";
        await AskAsync(http, Body(stored), ct, TenantA, semantic: "on");

        // The probes store nothing, so each one meets only the first entry.
        var byDefault = await AskAsync(http, Body(paraphrase), ct, TenantA, cacheControl: "no-store");
        var off = await AskAsync(http, Body(paraphrase), ct, TenantA, cacheControl: "no-store", semantic: "off");
        var on = await AskAsync(http, Body(paraphrase), ct, TenantA, semantic: "on");

        Assert.Equal("miss", byDefault.Cache);
        Assert.Equal("miss", off.Cache);
        Assert.Equal("semantic-hit", on.Cache);
        Assert.NotNull(on.Score);
        Assert.InRange(on.Score.Value, 0.85, 1.0);
        Assert.Null(byDefault.Score);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_near_miss_is_not_a_semantic_hit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var ticket = Guid.NewGuid().ToString("N");
        await AskAsync(http, Body($"How do I turn on dark mode in app {ticket}?"), ct, TenantA, semantic: "on");

        var opposite = await AskAsync(http, Body($"How do I turn off dark mode in app {ticket}?"), ct, TenantA, semantic: "on");
        var negated = await AskAsync(http, Body($"Why can I not turn on dark mode in app {ticket}?"), ct, TenantA, semantic: "on");

        Assert.Equal("miss", opposite.Cache);
        Assert.Equal("miss", negated.Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_semantic_match_needs_the_same_system_prompt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var ticket = Guid.NewGuid().ToString("N");
        await AskAsync(http, Body($"How do I reset my password for account {ticket}?", system: "Answer as a pirate."), ct, TenantA, semantic: "on");

        var otherSystem = await AskAsync(http, Body($"How can I reset my password for account {ticket}?", system: "Answer formally."), ct, TenantA, semantic: "on");
        var sameSystem = await AskAsync(http, Body($"How can I reset my password for account {ticket}?", system: "Answer as a pirate."), ct, TenantA, semantic: "on");

        Assert.Equal("miss", otherSystem.Cache);
        Assert.Equal("semantic-hit", sameSystem.Cache);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_invalid_x_cache_semantic_value_is_a_400()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        var call = await AskAsync(http, Body(Unique("hi")), ct, TenantA, semantic: "maybe");

        Assert.Equal(HttpStatusCode.BadRequest, call.Status);
        Assert.Contains("X-Cache-Semantic", call.Body, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_request_in_a_session_bypasses_the_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("Remember this.");
        await AskAsync(http, Body(prompt), ct, TenantA);

        var first = await AskAsync(http, Body(prompt), ct, TenantA, sessionId: $"cache-{Guid.NewGuid():N}");
        var second = await AskAsync(http, Body(prompt), ct, TenantA, sessionId: $"cache-{Guid.NewGuid():N}");

        Assert.Equal(("bypass", "bypass"), (first.Cache, second.Cache));
    }

    [Fact(Timeout = 30_000)]
    public async Task Cache_stats_count_the_outcomes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var before = await StatsAsync(http, TenantA, ct);
        var prompt = Unique("Count me.");

        await AskAsync(http, Body(prompt), ct, TenantA);
        await AskAsync(http, Body(prompt), ct, TenantA);
        await AskAsync(http, Body(prompt), ct, TenantA, cacheControl: "no-cache");
        var after = await StatsAsync(http, TenantA, ct);

        Assert.Equal(1, after.GetProperty("hits").GetInt64() - before.GetProperty("hits").GetInt64());
        Assert.Equal(1, after.GetProperty("misses").GetInt64() - before.GetProperty("misses").GetInt64());
        Assert.Equal(1, after.GetProperty("bypasses").GetInt64() - before.GetProperty("bypasses").GetInt64());
        Assert.True(after.GetProperty("entries").GetInt32() >= 1);
        Assert.True(after.GetProperty("hitLatencyP50Ms").GetDouble() >= 0);
    }
}
