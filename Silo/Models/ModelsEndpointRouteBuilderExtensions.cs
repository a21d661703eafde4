using Grains.Interfaces.Models;
using Grains.Models;
using Runtime;

namespace Silo.Models;

internal static class ModelsEndpointRouteBuilderExtensions
{
    /// <summary><c>GET /api/v1/models</c>: every configured model with provider, circuit, budget use and rolling figures.</summary>
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder endpoints)
    {
        endpoints.MapGet("/models", async (ModelCatalog catalog, IGrainFactory grains) =>
        {
            var statuses = await Task.WhenAll(catalog.Ids.Select(id => grains.GetGrain<IModelGrain>(id).GetStatus()));
            return TypedResults.Ok(new ModelsReadout(statuses));
        });
        return endpoints;
    }
}
