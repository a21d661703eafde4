using Runtime.Diagnostics;
using Runtime.Membership;

namespace Silo.Observability;

internal static class ObservabilityEndpointRouteBuilderExtensions
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// <c>/api/v1/performance-analysis</c> (JSON), <c>/api/v1/performance-report</c> (Markdown),
    /// <c>/api/v1/silos</c> (every member, asked over its own API), <c>/api/v1/silos/local</c> and <c>/api/v1/grains</c>.
    /// </summary>
    public static RouteGroupBuilder MapObservabilityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/performance-analysis", async (PerformanceAnalyzer analyzer) => TypedResults.Ok(await analyzer.AnalyzeAsync()));
        api.MapGet("/performance-report", async (PerformanceAnalyzer analyzer) =>
            TypedResults.Text(PerformanceReport.Render(await analyzer.AnalyzeAsync()), "text/markdown; charset=utf-8"));
        api.MapGet("/silos/local", (SiloStatistics statistics) => TypedResults.Ok(statistics.Local()));
        api.MapGet("/silos", async (SiloStatistics statistics, ClusterView view, IHttpClientFactory http, HttpContext context) =>
        {
            var local = statistics.Local();
            var reports = await Task.WhenAll(view.Members.Where(m => m.Status != SiloStatus.Dead).Select(async member =>
                member.Silo == view.Self ? new SiloEntry(local, null) : await RemoteAsync(http, member, context)));
            return TypedResults.Ok(new { silos = reports });
        });
        api.MapGet("/grains", (SiloStatistics statistics) =>
        {
            var local = statistics.Local(hottest: 20);
            return TypedResults.Ok(new { activations = local.Activations, byType = local.ActivationsByType, hottest = local.Hottest });
        });
        return api;
    }

    private static async Task<SiloEntry> RemoteAsync(IHttpClientFactory http, MembershipEntry member, HttpContext context)
    {
        var unreachable = new SiloReport(member.SiloName, member.Silo.Endpoint, member.ApiUrl, member.Status, 0, new Dictionary<string, int>(), []);
        if (member.ApiUrl is null)
        {
            return new SiloEntry(unreachable, "no API address");
        }
        try
        {
            using var client = http.CreateClient("silos");
            client.Timeout = TimeSpan.FromSeconds(2);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(member.ApiUrl), "/api/v1/silos/local"));
            if (context.Request.Headers.Authorization.Count > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
            }
            using var response = await client.SendAsync(request, context.RequestAborted);
            response.EnsureSuccessStatusCode();
            return new SiloEntry(await response.Content.ReadFromJsonAsync<SiloReport>(Json, context.RequestAborted) ?? unreachable, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new SiloEntry(unreachable, exception.Message);
        }
    }
}

/// <summary>One silo in the read-out; <see cref="Error"/> says why its figures are missing.</summary>
internal sealed record SiloEntry(SiloReport Report, string? Error);
