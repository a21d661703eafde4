using System.Net;
using System.Text;
using System.Text.Json;

namespace Silo.Tests.Jobs;

/// <summary>The jobs API as the tests call it.</summary>
internal static class JobsCalls
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static object Tool(string tool, object input) => new { tool, input };

    /// <summary>Submits a job that must be accepted; returns its id.</summary>
    public static async Task<string> SubmitAsync(HttpClient http, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("/v1/jobs", Json(body), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /v1/jobs: {(int)response.StatusCode} {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/jobs/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    /// <summary>The job's view; fails unless it is 200.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/v1/jobs/{id}", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /v1/jobs/{id}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Opens the job's event stream (optionally resuming with Last-Event-ID or ?after=).</summary>
    public static async Task<SseReader> EventsAsync(HttpClient http, string id, CancellationToken cancellationToken, int? lastEventId = null, int? after = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, after is null ? $"/v1/jobs/{id}/events" : $"/v1/jobs/{id}/events?after={after}");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"GET /v1/jobs/{id}/events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response);
    }

    /// <summary>Follows the job's events to job.finished and returns the finished view.</summary>
    public static async Task<JsonElement> WaitForFinishAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var events = await EventsAsync(http, id, cancellationToken);
        await events.ToEndAsync(cancellationToken);
        return await GetAsync(http, id, cancellationToken);
    }

    public static string[] Statuses(JsonElement view) => [.. view.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("status").GetString()!)];
}
