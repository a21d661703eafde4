using Grains.Caching;
using Microsoft.Extensions.Options;
using Silo.Api.Auth;

namespace Silo.Api.Caching;

internal static class CacheEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>GET /api/v1/cache-stats</c>; <c>DELETE /api/v1/cache</c>: an admin key clears everything (or one tenant with
    /// <c>?tenant=</c>), any other key clears its own tenant's entries only.
    /// </summary>
    public static RouteGroupBuilder MapCacheApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cache-stats", async (ResponseCache cache, IOptions<AuthOptions> auth) => TypedResults.Ok(await cache.StatsAsync(Tenants(auth.Value))));
        api.MapDelete("/cache", async (HttpContext context, ResponseCache cache, IOptions<AuthOptions> auth) =>
        {
            var caller = ApiCaller.Of(context);
            var requested = context.Request.Query["tenant"].FirstOrDefault();
            var tenant = caller.IsAdmin ? requested : caller.Tenant;
            var removed = await cache.ClearAsync(tenant, Tenants(auth.Value));
            return TypedResults.Ok(new { cleared = tenant ?? "all", removed });
        });
        return api;
    }

    private static IEnumerable<string> Tenants(AuthOptions auth) => auth.Keys.Values.Select(k => k.Tenant).Append(AuthOptions.AnonymousTenant).Distinct();
}
