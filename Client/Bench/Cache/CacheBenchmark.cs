using System.Net;

namespace Client.Bench.Cache;

/// <summary>
/// Exact hits against misses over loopback HTTP at concurrency 1 (one keep-alive connection, one request at a
/// time), then the semantic cache on its pair sets. Every hit is checked to say X-Cache: hit.
/// </summary>
internal sealed class CacheBenchmark(CacheBenchSettings settings, Action<string> log)
{
    private int _errors;
    private string? _firstError;

    public async Task<CacheBenchResults> RunAsync(string siloUrl, CancellationToken cancellationToken)
    {
        using var http = LoopbackHttp.CreateClient(connectionsPerServer: 1, TimeSpan.FromSeconds(60));
        var probe = new CacheProbe(http, new Uri(siloUrl.TrimEnd('/') + "/v1/chat/completions"));
        // A run id keeps this run's prompts apart from anything a running silo cached before.
        var run = Guid.NewGuid().ToString("N")[..8];

        var hitJson = await HitsAsync(probe, $"What does the response cache keep? ({run})", null, stream: false, cancellationToken);
        var hitSse = await HitsAsync(probe, $"What does the response cache replay? ({run})", null, stream: true, cancellationToken);
        var semanticHit = await HitsAsync(
            probe, $"How do I reset the password of account {run}?", $"How can I reset the password of account {run}, please?", stream: false, cancellationToken);
        var missJson = await MissesAsync(probe, run, stream: false, cancellationToken);
        var missSse = await MissesAsync(probe, run, stream: true, cancellationToken);
        var semantic = new List<SemanticSetResult>
        {
            await SemanticAsync(probe, "tuned", SemanticPairSet.Paraphrases, SemanticPairSet.NearMisses, run, cancellationToken),
            await SemanticAsync(probe, "held-out", SemanticPairSet.HeldOutParaphrases, SemanticPairSet.HeldOutNearMisses, run, cancellationToken),
        };
        return new CacheBenchResults(hitJson, hitSse, semanticHit, missJson, missSse, semantic, _errors, _firstError);
    }

    /// <summary>
    /// One answer stored, warmed up (tiered JIT, connection, near-cache), then hit <see cref="CacheBenchSettings.Hits"/> times:
    /// with <paramref name="paraphrase"/>, the answer is stored with X-Cache-Semantic: on and the paraphrase is asked (a
    /// semantic hit stores nothing, so every request is a semantic hit).
    /// </summary>
    private async Task<LatencySummary> HitsAsync(CacheProbe probe, string prompt, string? paraphrase, bool stream, CancellationToken cancellationToken)
    {
        var semantic = paraphrase is not null;
        var expected = semantic ? "semantic-hit" : "hit";
        var first = await probe.SendAsync(CacheProbe.Body(CacheBenchSettings.SlowModel, prompt, stream), stream, semantic, cancellationToken);
        if (first.Cache != "miss")
        {
            throw new InvalidOperationException($"The first request of a fresh prompt answered X-Cache: {first.Cache ?? "(none)"}, not miss: is the cache enabled on the silo?");
        }
        var body = CacheProbe.Body(CacheBenchSettings.SlowModel, paraphrase ?? prompt, stream);
        for (var i = 0; i < settings.Warmup; i++)
        {
            Expect(await probe.SendAsync(body, stream, semantic, cancellationToken), expected);
        }
        var results = new List<ProbeResult>(settings.Hits);
        for (var i = 0; i < settings.Hits; i++)
        {
            var result = await probe.SendAsync(body, stream, semantic, cancellationToken);
            if (Expect(result, expected))
            {
                results.Add(result);
            }
        }
        var summary = LatencySummary.Of(results, stream);
        log($"{(semantic ? "semantic" : "exact")} hit ({(stream ? "sse" : "json")}): {summary.Requests} requests, p50 {summary.P50:0.000} ms, p99 {summary.P99:0.000} ms, max {summary.Max:0.000} ms");
        return summary;
    }

    /// <summary>New prompts, each answered by the simulated model with a realistic time to first token.</summary>
    private async Task<LatencySummary> MissesAsync(CacheProbe probe, string run, bool stream, CancellationToken cancellationToken)
    {
        var results = new List<ProbeResult>(settings.Misses);
        for (var i = 0; i < settings.Misses; i++)
        {
            var body = CacheProbe.Body(CacheBenchSettings.SlowModel, $"Tell me something new, number {i} ({run}, {(stream ? "sse" : "json")}).", stream);
            var result = await probe.SendAsync(body, stream, semantic: false, cancellationToken);
            if (Expect(result, "miss"))
            {
                results.Add(result);
            }
        }
        var summary = LatencySummary.Of(results, stream);
        log($"miss ({(stream ? "sse" : "json")}): {summary.Requests} requests, p50 {summary.P50:0.000} ms, p99 {summary.P99:0.000} ms" +
            (summary.FirstByteP50 is { } ttfb ? $", first byte p50 {ttfb:0.000} ms" : ""));
        return summary;
    }

    /// <summary>
    /// Each pair in a scope of its own (a system prompt naming the pair), so a pair meets only its own stored
    /// prompt: the stored side is asked first with X-Cache-Semantic: on, then the other side.
    /// </summary>
    private async Task<SemanticSetResult> SemanticAsync(
        CacheProbe probe, string set, (string Stored, string Asked)[] paraphrases, (string Stored, string Asked, string Kind)[] nearMisses, string run,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var hits = new List<ProbeResult>();
        var index = 0;
        foreach (var (stored, asked) in paraphrases)
        {
            var result = await PairAsync(probe, stored, asked, $"bench pair {run}-{set}-{index++}", cancellationToken);
            if (result.Cache == "semantic-hit")
            {
                hits.Add(result);
            }
            else
            {
                failures.Add($"paraphrase missed: '{asked}' after '{stored}' ({result.Cache})");
            }
        }
        var falseHits = 0;
        foreach (var (stored, asked, kind) in nearMisses)
        {
            var result = await PairAsync(probe, stored, asked, $"bench pair {run}-{set}-{index++}", cancellationToken);
            if (result.Cache is "semantic-hit" or "hit")
            {
                falseHits++;
                failures.Add($"false hit ({kind}): '{asked}' was served the answer to '{stored}' (score {result.Score})");
            }
        }
        var outcome = new SemanticSetResult(
            set, paraphrases.Length, hits.Count, nearMisses.Length, falseHits, hits.Count == 0 ? null : hits.Min(h => h.Score), failures);
        log($"semantic ({set}): {outcome.Hits}/{outcome.Paraphrases} paraphrases hit, {outcome.FalseHits}/{outcome.NearMisses} near misses served");
        return outcome;
    }

    private static async Task<ProbeResult> PairAsync(CacheProbe probe, string stored, string asked, string system, CancellationToken cancellationToken)
    {
        await probe.SendAsync(CacheProbe.Body(CacheBenchSettings.InstantModel, stored, stream: false, system), stream: false, semantic: true, cancellationToken);
        return await probe.SendAsync(CacheProbe.Body(CacheBenchSettings.InstantModel, asked, stream: false, system), stream: false, semantic: true, cancellationToken);
    }

    private bool Expect(ProbeResult result, string cache)
    {
        if (result.Cache == cache)
        {
            return true;
        }
        _errors++;
        _firstError ??= $"expected X-Cache: {cache}, got {result.Cache ?? "(none)"}";
        return false;
    }
}
