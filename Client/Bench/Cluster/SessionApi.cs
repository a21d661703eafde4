using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Client.Bench.Cluster;

/// <summary>The session API calls the bench makes outside its timed loops: one turn, and the history read back.</summary>
internal static class SessionApi
{
    /// <summary>
    /// The tenant a silo without API keys gives every caller (Silo's AuthOptions.AnonymousTenant): session grains are
    /// keyed by tenant and session id, so the bench needs it to compute which silo owns a session.
    /// </summary>
    public const string AnonymousTenant = "default";

    public static Uri MessagesUri(string siloUrl, string session) => new($"{siloUrl.TrimEnd('/')}/v1/sessions/{session}/messages");

    public static Uri SessionUri(string siloUrl, string session) => new($"{siloUrl.TrimEnd('/')}/v1/sessions/{session}");

    /// <summary>One turn; true once the silo acknowledged it with its done event (the turn is durable).</summary>
    public static async Task<bool> TurnAsync(HttpClient http, string siloUrl, string session, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(MessagesUri(siloUrl, session),
            new { content = "Remember this.", model = ClusterBenchSettings.Model }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode && body.Contains("event: done", StringComparison.Ordinal);
    }

    /// <summary>The user messages the session holds, read through <paramref name="siloUrl"/>; null when it does not answer with them.</summary>
    public static async Task<int?> UserMessagesAsync(HttpClient http, string siloUrl, string session, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(SessionUri(siloUrl, session), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("role").GetString() == "user");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            // A silo that cannot serve the session yet (its owner just died) may also time out or drop the connection.
            return null;
        }
    }
}
