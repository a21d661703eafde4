using Grains.Caching;
using Grains.Caching.Semantic;
using Grains.Interfaces.Caching;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static Grains.Tests.Caching.CacheRequests;

namespace Grains.Tests.Caching;

/// <summary>The semantic cache: opt-in, tenant-scoped, and guarded so that only a question of the same meaning reuses an answer.</summary>
public sealed class SemanticCacheTests
{
    private const double DefaultThreshold = 0.85;

    [Theory]
    [MemberData(nameof(SemanticPairs.ParaphraseData), MemberType = typeof(SemanticPairs))]
    public void The_meaning_guard_lets_a_paraphrase_through_both_ways(string stored, string asked)
    {
        Assert.Null(MeaningGuard.Difference(stored, asked));
        Assert.Null(MeaningGuard.Difference(asked, stored));
    }

    [Theory]
    [MemberData(nameof(SemanticPairs.NearMissData), MemberType = typeof(SemanticPairs))]
    public void The_meaning_guard_names_the_difference_of_a_near_miss_both_ways(string stored, string asked, string kind)
    {
        Assert.StartsWith(kind, MeaningGuard.Difference(stored, asked));
        Assert.StartsWith(kind, MeaningGuard.Difference(asked, stored));
    }

    [Fact]
    public async Task Every_paraphrase_is_a_semantic_hit_that_reports_its_score()
    {
        await using var silo = await CacheSilo.StartAsync();
        var failures = new List<string>();

        for (var i = 0; i < SemanticPairs.Paraphrases.Length; i++)
        {
            // A tenant per pair: each pair meets only its own stored prompt.
            var (stored, asked) = SemanticPairs.Paraphrases[i];
            var tenant = $"pair-{i}";
            await silo.Cache.LookupAndStoreAsync(Ask(tenant, stored, semantic: true), Answer(tenant, silo.Time.GetUtcNow(), $"answer {i}"));

            var lookup = await silo.Cache.LookupAsync(Ask(tenant, asked, semantic: true));

            if (lookup.Outcome != CacheOutcome.SemanticHit || lookup.Answer?.Chunks.Single() != $"answer {i}" || lookup.Score is not (>= DefaultThreshold and <= 1.0))
            {
                failures.Add($"'{asked}' after '{stored}': {lookup.Outcome}, score {lookup.Score}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(SemanticPairs.Paraphrases.Length, (await silo.Cache.StatsAsync([])).SemanticHits);
    }

    [Fact]
    public async Task No_near_miss_is_served_even_at_similarity_threshold_zero()
    {
        await using var silo = await CacheSilo.StartAsync();
        var failures = new List<string>();

        for (var i = 0; i < SemanticPairs.NearMisses.Length; i++)
        {
            var (stored, asked, _) = SemanticPairs.NearMisses[i];
            // Both directions, each in a grain of its own.
            foreach (var (first, second, tenant) in new[] { (stored, asked, $"near-{i}"), (asked, stored, $"near-{i}-reversed") })
            {
                var grain = silo.Grains.GetGrain<ISemanticCacheGrain>(tenant);
                await grain.Add(first, Scope, Answer(tenant, silo.Time.GetUtcNow()));
                if (await grain.Find(second, Scope, threshold: 0.0) is { } hit)
                {
                    failures.Add($"'{second}' was served the answer to '{hit.MatchedPrompt}' (score {hit.Score})");
                }
                Assert.NotNull(await grain.Find(first, Scope, threshold: 0.0));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task No_near_miss_is_a_hit_through_the_response_cache()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Semantic:Threshold"] = "0.5" });
        for (var i = 0; i < SemanticPairs.NearMisses.Length; i++)
        {
            var (stored, asked, _) = SemanticPairs.NearMisses[i];
            var tenant = $"near-{i}";
            await silo.Cache.LookupAndStoreAsync(Ask(tenant, stored, semantic: true), Answer(tenant, silo.Time.GetUtcNow()));

            var lookup = await silo.Cache.LookupAsync(Ask(tenant, asked, semantic: true));

            Assert.True(lookup.Outcome == CacheOutcome.Miss, $"'{asked}' after '{stored}': {lookup.Outcome}, score {lookup.Score}");
        }
    }

    [Fact]
    public async Task Semantic_matching_is_off_by_default_and_a_request_can_switch_it_on()
    {
        await using var silo = await CacheSilo.StartAsync();
        var cache = silo.Cache;
        // Stored without opting in: nothing for the semantic cache.
        await cache.LookupAndStoreAsync(Ask("t", "How do I reset my password?"), Answer("t", silo.Time.GetUtcNow()));
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "How can I reset my password?", semantic: true))).Outcome);

        await cache.LookupAndStoreAsync(Ask("t", "How do I rotate my API key?", semantic: true), Answer("t", silo.Time.GetUtcNow()));

        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "How can I rotate my API key?"))).Outcome);
        Assert.Equal(CacheOutcome.SemanticHit, (await cache.LookupAsync(Ask("t", "How can I rotate my API key?", semantic: true))).Outcome);
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "How can I rotate my API key?", semantic: false))).Outcome);
    }

    [Fact]
    public async Task When_configured_on_a_request_can_switch_it_off()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Semantic:Enabled"] = "true" });
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "How do I rotate my API key?"), Answer("t", silo.Time.GetUtcNow()));

        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "How can I rotate my API key?", semantic: false))).Outcome);
        var hit = await cache.LookupAsync(Ask("t", "How can I rotate my API key?"));
        Assert.Equal(CacheOutcome.SemanticHit, hit.Outcome);
        Assert.Equal(1.0, hit.Score);
    }

    [Fact]
    public async Task A_semantic_entry_is_never_served_to_another_tenant()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Semantic:Enabled"] = "true" });
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("tenant-a", "How do I reset my password?"), Answer("tenant-a", silo.Time.GetUtcNow(), "a's answer"));

        var otherTenant = await cache.LookupAsync(Ask("tenant-b", "How can I reset my password?"));
        var sameTenant = await cache.LookupAsync(Ask("tenant-a", "How can I reset my password?"));

        Assert.Equal(CacheOutcome.Miss, otherTenant.Outcome);
        Assert.Equal(CacheOutcome.SemanticHit, sameTenant.Outcome);
        Assert.Equal(["a's answer"], sameTenant.Answer!.Chunks);
        Assert.Equal(0, await silo.Grains.GetGrain<ISemanticCacheGrain>("tenant-b").Count());
    }

    [Fact]
    public async Task A_semantic_match_needs_the_same_system_prompt_and_parameters()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Semantic:Enabled"] = "true" });
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "How do I reset my password?", system: "Answer as a pirate."), Answer("t", silo.Time.GetUtcNow()));

        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "How can I reset my password?", system: "Answer formally."))).Outcome);
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "How can I reset my password?"))).Outcome);
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "How can I reset my password?", system: "Answer as a pirate.", maxTokens: 5))).Outcome);
        Assert.Equal(CacheOutcome.SemanticHit, (await cache.LookupAsync(Ask("t", "How can I reset my password?", system: "Answer as a pirate."))).Outcome);
    }

    [Fact]
    public async Task A_conversation_with_history_is_not_matched_by_meaning()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Semantic:Enabled"] = "true" });
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "And in Python?"), Answer("t", silo.Time.GetUtcNow()));
        var followUp = new CacheRequest("t", Scope,
            [new("user", "How do I sort a list in Java?"), new("assistant", "Collections.sort"), new("user", "And in Python?")],
            null, null, null, null, false, false, null);
        var assistantOnly = new CacheRequest("t", Scope, [new("assistant", "And in Python?")], null, null, null, null, false, false, null);

        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(followUp)).Outcome);
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(assistantOnly)).Outcome);
    }

    [Fact]
    public async Task Semantic_entries_expire_with_the_ttl_and_an_expired_one_does_not_hide_a_live_one()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Ttl"] = "00:01:00", ["Semantic:Enabled"] = "true", ["Semantic:Threshold"] = "0.8" });
        var cache = silo.Cache;
        await cache.LookupAndStoreAsync(Ask("t", "How do I reset my password?"), Answer("t", silo.Time.GetUtcNow(), "old"));
        silo.Time.Advance(TimeSpan.FromSeconds(40));
        // Close enough to be served the first answer, so stored past the lookup (Cache-Control: no-cache).
        await cache.LookupAndStoreAsync(Ask("t", "How can I reset my password quickly?", noLookup: true), Answer("t", silo.Time.GetUtcNow(), "newer"));
        silo.Time.Advance(TimeSpan.FromSeconds(20));

        // The first entry is the closer match, but it has expired; the second still lives.
        var lookup = await cache.LookupAsync(Ask("t", "Please, how do I reset my password?"));

        Assert.Equal(CacheOutcome.SemanticHit, lookup.Outcome);
        Assert.Equal(["newer"], lookup.Answer!.Chunks);
        silo.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(CacheOutcome.Miss, (await cache.LookupAsync(Ask("t", "Please, how do I reset my password?"))).Outcome);
    }

    [Fact]
    public async Task A_registered_embedding_generator_decides_the_similarity()
    {
        const string stored = "What does a new car cost?";
        const string asked = "How much is an unused automobile?";
        var embeddings = new ConceptEmbeddings();
        await using var silo = await CacheSilo.StartAsync(
            new Dictionary<string, string?> { ["Semantic:Enabled"] = "true" },
            services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embeddings));
        Assert.True(LexicalVectorizer.Cosine(LexicalVectorizer.Vectorize(stored), LexicalVectorizer.Vectorize(asked)) < DefaultThreshold);

        await silo.Cache.LookupAndStoreAsync(Ask("t", stored), Answer("t", silo.Time.GetUtcNow(), "about 48,000 dollars"));
        var lookup = await silo.Cache.LookupAsync(Ask("t", asked));

        Assert.Equal(CacheOutcome.SemanticHit, lookup.Outcome);
        Assert.Equal(["about 48,000 dollars"], lookup.Answer!.Chunks);
        Assert.Equal(1.0, lookup.Score);
        Assert.Contains(stored, embeddings.Inputs);
        Assert.Contains(asked, embeddings.Inputs);
    }

    [Fact]
    public async Task Without_the_generator_the_same_pair_is_too_far_apart_lexically()
    {
        await using var silo = await CacheSilo.StartAsync(new Dictionary<string, string?> { ["Semantic:Enabled"] = "true" });

        await silo.Cache.LookupAndStoreAsync(Ask("t", "What does a new car cost?"), Answer("t", silo.Time.GetUtcNow()));

        Assert.Equal(CacheOutcome.Miss, (await silo.Cache.LookupAsync(Ask("t", "How much is an unused automobile?"))).Outcome);
    }

    [Fact]
    public async Task The_meaning_guard_still_refuses_when_the_embeddings_are_identical()
    {
        var embeddings = new ConceptEmbeddings();
        await using var silo = await CacheSilo.StartAsync(
            new Dictionary<string, string?> { ["Semantic:Enabled"] = "true" },
            services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embeddings));
        await silo.Cache.LookupAndStoreAsync(Ask("t", "How do I turn on dark mode?"), Answer("t", silo.Time.GetUtcNow()));

        var lookup = await silo.Cache.LookupAsync(Ask("t", "How do I turn off dark mode?"));

        Assert.Equal(CacheOutcome.Miss, lookup.Outcome);
        Assert.Contains("How do I turn off dark mode?", embeddings.Inputs);
    }
}
