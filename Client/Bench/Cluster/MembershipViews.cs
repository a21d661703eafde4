using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Runtime.Client;
using Runtime.Membership;

namespace Client.Bench.Cluster;

/// <summary>Reads the membership view each silo serves (the one clients start from) and waits for them to agree.</summary>
internal static class MembershipViews
{
    // The silos write the view with the grain serializer's options: web defaults, enums by name.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<IReadOnlyList<MembershipEntry>> ReadAsync(HttpClient http, string siloUrl, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<MembershipEntry>>(siloUrl.TrimEnd('/') + ClusterClient.MembersPath, Json, cancellationToken) ?? [];

    /// <summary>
    /// Waits until every silo in <paramref name="siloUrls"/> lists exactly those silos as active, so that each of them
    /// and the bench compute the same owner for every grain. Returns the active members.
    /// </summary>
    public static async Task<IReadOnlyList<MembershipEntry>> WaitUntilAgreedAsync(
        HttpClient http, IReadOnlyList<string> siloUrls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var expected = siloUrls.Select(u => u.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        string seen = "";
        while (true)
        {
            var views = new List<IReadOnlyList<MembershipEntry>>();
            try
            {
                foreach (var url in siloUrls)
                {
                    views.Add([.. (await ReadAsync(http, url, cancellationToken)).Where(m => m.Status == SiloStatus.Active)]);
                }
                if (views.All(view => view.Select(m => m.ApiUrl?.TrimEnd('/') ?? "").ToHashSet(StringComparer.Ordinal).SetEquals(expected)))
                {
                    return views[0];
                }
                seen = string.Join("; ", views.Select(v => string.Join(", ", v.Select(m => m.SiloName))));
            }
            catch (HttpRequestException exception)
            {
                seen = exception.Message;
            }
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The silos did not agree on {siloUrls.Count} active members within {timeout.TotalSeconds:0} s (last seen: {seen}).");
            }
            await Task.Delay(100, cancellationToken);
        }
    }
}
