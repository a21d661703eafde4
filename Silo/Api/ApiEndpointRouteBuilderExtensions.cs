using Silo.Api.Auth;
using Silo.Api.Caching;
using Silo.Api.Jobs;
using Silo.Api.OpenAi;
using Silo.Api.Sessions;
using Silo.Models;
using Silo.Observability;

namespace Silo.Api;

internal static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>Everything under /v1, behind the API key check.</summary>
    public static IEndpointRouteBuilder MapClientApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").AddEndpointFilter<ApiKeyEndpointFilter>();
        v1.MapOpenAiApi();
        v1.MapSessionsApi();
        v1.MapJobsApi();
        var api = endpoints.MapGroup("/api/v1").AddEndpointFilter<ApiKeyEndpointFilter>();
        api.MapModelsApi();
        api.MapCacheApi();
        api.MapObservabilityApi();
        return endpoints;
    }
}
