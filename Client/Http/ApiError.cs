using System.Text.Json;

namespace Client.Http;

/// <summary>Turns the API's OpenAI-shaped error bodies into one readable message.</summary>
internal static class ApiError
{
    public static string Describe(int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message))
            {
                return $"{status}: {message.GetString()}";
            }
        }
        catch (JsonException)
        {
            // Not our API's error shape; show the raw text.
        }
        return $"{status}: {body}";
    }
}
