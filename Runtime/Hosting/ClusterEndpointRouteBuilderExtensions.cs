using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Runtime.Client;
using Runtime.Membership;
using Runtime.Serialization;

namespace Runtime.Hosting;

public static class ClusterEndpointRouteBuilderExtensions
{
    /// <summary>Maps <see cref="ClusterClient.MembersPath"/>: the membership view clients connect from.</summary>
    public static IEndpointRouteBuilder MapClusterMembers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ClusterClient.MembersPath, (ClusterView view, GrainSerializer serializer) =>
            TypedResults.Json(view.Members, serializer.Options));
        return endpoints;
    }
}
