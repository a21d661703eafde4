using Silo.Api.Auth;
using Silo.Api.Caching;
using Silo.Api.Jobs;
using Silo.Api.OpenAi;
using Silo.Api.Sessions;
using Silo.Dashboard;
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
        api.MapDashboardApi();
        // Outside the key check: /metrics is scraped like /healthz, and the dashboard page sends the key itself.
        endpoints.MapMetrics().MapDashboardPage();
        return endpoints;
    }
}
