using Grains.Caching;
using Grains.Interfaces.Caching;
using Grains.Interfaces.Models;

namespace Grains.Tests.Caching;

/// <summary>Requests and answers for the cache tests.</summary>
internal static class CacheRequests
{
    public const string Scope = "a";

    public static CacheRequest Ask(
        string tenant, string prompt, bool? semantic = null, float? temperature = null, bool noLookup = false, bool noStore = false,
        string? system = null, int? maxTokens = null) =>
        new(tenant, Scope, system is null ? [new ChatTurn("user", prompt)] : [new ChatTurn("system", system), new ChatTurn("user", prompt)],
            maxTokens, temperature, null, null, noLookup, noStore, semantic);

    public static CachedAnswer Answer(string tenant, DateTimeOffset createdAt, params string[] chunks) =>
        new(tenant, Scope, chunks.Length == 0 ? ["an ", "answer"] : chunks, 10, chunks.Length, "stop", createdAt);

    /// <summary>Looks the request up and, on a miss that may store, stores <paramref name="answer"/> as the turn runner does.</summary>
    public static async Task<CacheLookup> LookupAndStoreAsync(this ResponseCache cache, CacheRequest request, CachedAnswer answer)
    {
        var lookup = await cache.LookupAsync(request);
        if (lookup.Answer is null && lookup.Store && lookup.Key is { } key)
        {
            await cache.StoreAsync(request, key, answer);
        }
        return lookup;
    }
}
