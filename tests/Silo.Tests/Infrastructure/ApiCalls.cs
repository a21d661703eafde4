using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Silo.Tests.Infrastructure;

/// <summary>The silo's HTTP API as tests call it: raw requests, so what the server sends is what the test sees.</summary>
internal static class ApiCalls
{
    public const string SessionHeader = "X-Session-Id";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    /// <summary>A chat completion request of one user message, optionally in a session.</summary>
    public static HttpRequestMessage ChatCompletion(HttpContent body, string? sessionId = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = body };
        if (sessionId is not null)
        {
            request.Headers.Add(SessionHeader, sessionId);
        }
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return request;
    }

    public static object UserMessage(string content, string model = "sim-small", bool stream = false) =>
        new { model, stream, messages = new[] { new { role = "user", content } } };

    /// <summary>A non-streaming chat completion that must succeed; returns the response body.</summary>
    public static async Task<JsonElement> CompleteAsync(HttpClient http, object body, string? sessionId, CancellationToken cancellationToken, string? apiKey = null)
    {
        using var request = ChatCompletion(Json(body), sessionId, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /v1/chat/completions: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The assistant's text in a non-streaming chat completion.</summary>
    public static string AnswerOf(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    public static int PromptTokensOf(JsonElement completion) => completion.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();

    /// <summary>Posts to the native session API and reads the whole event stream.</summary>
    public static async Task<IReadOnlyList<ServerSentEvent>> SendSessionMessageAsync(
        HttpClient http, string sessionId, string content, CancellationToken cancellationToken, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/messages") { Content = Json(new { content, model = "sim-small" }) };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return await ServerSentEvent.ReadAllAsync(response, cancellationToken);
    }

    /// <summary>The session's committed history as (role, content) pairs; fails unless the session exists.</summary>
    public static async Task<IReadOnlyList<(string Role, string Content)>> GetHistoryAsync(
        HttpClient http, string sessionId, CancellationToken cancellationToken, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{sessionId}");
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /v1/sessions/{sessionId}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(sessionId, json.RootElement.GetProperty("id").GetString());
        return [.. json.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!))];
    }
}
