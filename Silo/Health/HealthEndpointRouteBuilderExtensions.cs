namespace Silo.Health;

internal static class HealthEndpointRouteBuilderExtensions
{
    public const string HealthPath = "/healthz";

    /// <summary>
    /// Maps GET /healthz: a liveness probe for load balancers and orchestrators (ECS, compose). It answers as
    /// long as the process serves HTTP; it deliberately checks no dependency, so a slow store cannot get a
    /// healthy silo killed.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HealthPath, () => TypedResults.Text("ok"))
            .WithName("Health")
            .ExcludeFromDescription();
        return endpoints;
    }
}
