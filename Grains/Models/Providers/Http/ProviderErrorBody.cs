using System.Text.Json;

namespace Grains.Models.Providers.Http;

/// <summary>
/// The error type and message in a provider's error body: Anthropic's
/// <c>{"type":"error","error":{"type":"rate_limit_error","message":"..."}}</c> or AWS's <c>{"message":"..."}</c>.
/// Unparseable bodies yield nulls rather than failing the error path.
/// </summary>
public static class ProviderErrorBody
{
    private const int MaxMessageLength = 500;

    public static (string? Type, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return Parse(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, Trim(body));
        }
    }

    public static (string? Type, string? Message) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }
        var source = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error : root;
        // AWS JSON errors may name their type in "__type" ("com.amazon.coral.service#UnrecognizedClientException").
        return (Text(source, "type") ?? Text(source, "__type"), Trim(Text(source, "message") ?? Text(source, "Message")));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Bodies come from the provider and never hold our secrets, but an HTML error page has no place in a log line.
    private static string? Trim(string? message) =>
        message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] + "…" : message;
}
