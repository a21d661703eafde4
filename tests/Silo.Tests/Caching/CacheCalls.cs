using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Caching;

/// <summary>A chat completion as the cache tests send it, and what came back: the X-Cache headers and the answer.</summary>
internal sealed record CachedCall(HttpStatusCode Status, string? Cache, double? Score, string Answer, IReadOnlyList<string> Chunks, string Body);

internal static class CacheCalls
{
    /// <summary>A question no other test asks, so tests sharing a silo never meet each other's entries.</summary>
    public static string Unique(string question) => $"{question} (ticket {Guid.NewGuid():N})";

    public static Dictionary<string, object?> Body(string prompt, bool stream = false, double? temperature = null, string? system = null)
    {
        var messages = new List<object>();
        if (system is not null)
        {
            messages.Add(new { role = "system", content = system });
        }
        messages.Add(new { role = "user", content = prompt });
        var body = new Dictionary<string, object?> { ["model"] = "sim-small", ["stream"] = stream, ["messages"] = messages };
        if (temperature is { } t)
        {
            body["temperature"] = t;
        }
        return body;
    }

    /// <summary>Sends a chat completion; <paramref name="cacheControl"/> and <paramref name="semantic"/> become the request's cache headers.</summary>
    public static async Task<CachedCall> AskAsync(
        HttpClient http, object body, CancellationToken cancellationToken, string? key = null, string? cacheControl = null, string? semantic = null,
        string? sessionId = null)
    {
        using var request = ApiCalls.ChatCompletion(ApiCalls.Json(body), sessionId, key);
        if (cacheControl is not null)
        {
            request.Headers.TryAddWithoutValidation("Cache-Control", cacheControl);
        }
        if (semantic is not null)
        {
            request.Headers.Add("X-Cache-Semantic", semantic);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var cache = response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;
        double? score = response.Headers.TryGetValues("X-Cache-Score", out var scores) ? double.Parse(scores.Single(), CultureInfo.InvariantCulture) : null;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new CachedCall(response.StatusCode, cache, score, "", [], await response.Content.ReadAsStringAsync(cancellationToken));
        }
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var events = await ServerSentEvent.ReadAllAsync(response, cancellationToken);
            Assert.Equal("[DONE]", events[^1].Data);
            var chunks = events.SkipLast(1)
                .Select(e => e.Json)
                .Where(j => j.GetProperty("choices").GetArrayLength() > 0 && j.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out _))
                .Select(j => j.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()!)
                .ToList();
            Assert.All(events.SkipLast(1), e => Assert.Equal("chat.completion.chunk", e.Json.GetProperty("object").GetString()));
            Assert.Equal("stop", events[^2].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
            return new CachedCall(response.StatusCode, cache, score, string.Concat(chunks), chunks, string.Join("\n", events.Select(e => e.Data)));
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var answer = ApiCalls.AnswerOf(JsonDocument.Parse(text).RootElement);
        return new CachedCall(response.StatusCode, cache, score, answer, [answer], text);
    }

    public static async Task<HttpResponseMessage> ClearAsync(HttpClient http, string? key, string? tenant, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, tenant is null ? "/api/v1/cache" : $"/api/v1/cache?tenant={Uri.EscapeDataString(tenant)}");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return await http.SendAsync(request, cancellationToken);
    }

    public static async Task<JsonElement> StatsAsync(HttpClient http, string? key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cache-stats");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/v1/cache-stats: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
