using System.Net;
using System.Text.Json;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Caching.CacheCalls;
using static Silo.Tests.Caching.CacheKeys;

namespace Silo.Tests.Caching;

/// <summary><c>DELETE /api/v1/cache</c>: a tenant clears its own entries only, an admin any tenant's or all; no key, no clearing.</summary>
public sealed class CacheClearTests(CacheClearTests.KeyedSilo silo) : IClassFixture<CacheClearTests.KeyedSilo>
{
    public sealed class KeyedSilo : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = CacheKeys.Settings();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tenant_key_clears_only_its_own_entries_whatever_tenant_it_names()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("What is a shard?");
        await AskAsync(http, Body(prompt), ct, TenantA);
        await AskAsync(http, Body(prompt), ct, TenantB);

        using var response = await ClearAsync(http, TenantA, "tenant-b", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal("tenant-a", result.GetProperty("cleared").GetString());
        Assert.True(result.GetProperty("removed").GetInt32() >= 1);
        Assert.Equal("miss", await ProbeAsync(http, prompt, TenantA, ct));
        Assert.Equal("hit", await ProbeAsync(http, prompt, TenantB, ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_admin_clears_one_tenant_or_everything()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("What is a near-cache?");
        foreach (var key in new[] { TenantA, TenantB, Admin })
        {
            await AskAsync(http, Body(prompt), ct, key);
        }

        using (var one = await ClearAsync(http, Admin, "tenant-b", ct))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Equal("tenant-b", JsonDocument.Parse(await one.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("cleared").GetString());
        }
        Assert.Equal("miss", await ProbeAsync(http, prompt, TenantB, ct));
        Assert.Equal("hit", await ProbeAsync(http, prompt, TenantA, ct));
        Assert.Equal("hit", await ProbeAsync(http, prompt, Admin, ct));

        using (var all = await ClearAsync(http, Admin, null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
            Assert.Equal("all", JsonDocument.Parse(await all.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("cleared").GetString());
        }
        Assert.Equal("miss", await ProbeAsync(http, prompt, TenantA, ct));
        Assert.Equal("miss", await ProbeAsync(http, prompt, Admin, ct));
        Assert.Equal(0, (await StatsAsync(http, Admin, ct)).GetProperty("entries").GetInt32());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_admin_clear_also_empties_the_semantic_caches()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var ticket = Guid.NewGuid().ToString("N");
        await AskAsync(http, Body($"How do I reset my password for account {ticket}?"), ct, TenantB, semantic: "on");

        using (var all = await ClearAsync(http, Admin, null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        }

        var paraphrase = await AskAsync(http, Body($"How can I reset my password for account {ticket}?"), ct, TenantB, cacheControl: "no-store", semantic: "on");
        Assert.Equal("miss", paraphrase.Cache);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(null)]
    [InlineData("sk-not-a-key-0000")]
    public async Task Without_a_valid_key_clearing_is_401_and_clears_nothing(string? key)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var prompt = Unique("Keep me.");
        await AskAsync(http, Body(prompt), ct, TenantA);

        using var response = await ClearAsync(http, key, null, ct);

        await OpenAiErrorShape.AssertAsync(response, HttpStatusCode.Unauthorized, ct);
        Assert.Equal("hit", await ProbeAsync(http, prompt, TenantA, ct));
    }

    /// <summary>What the cache holds for the tenant, without storing anything (Cache-Control: no-store).</summary>
    private static async Task<string?> ProbeAsync(HttpClient http, string prompt, string key, CancellationToken ct) =>
        (await AskAsync(http, Body(prompt), ct, key, cacheControl: "no-store")).Cache;
}
