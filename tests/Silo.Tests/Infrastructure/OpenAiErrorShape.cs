using System.Net;
using System.Text.Json;

namespace Silo.Tests.Infrastructure;

/// <summary>Checks that a response is an error in OpenAI's shape: {"error":{"message","type","param","code"}}.</summary>
internal static class OpenAiErrorShape
{
    /// <summary>Asserts the status and the body's shape; returns the "error" object for further checks.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), body);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("type").GetString()), body);
        Assert.True(error.TryGetProperty("param", out var param) && param.ValueKind is JsonValueKind.String or JsonValueKind.Null, body);
        Assert.True(error.TryGetProperty("code", out var code) && code.ValueKind is JsonValueKind.String or JsonValueKind.Null, body);
        return error.Clone();
    }
}
