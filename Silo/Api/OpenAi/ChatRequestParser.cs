using System.Text;
using System.Text.Json;
using Grains.Interfaces.Models;
using Silo.Api.Errors;

namespace Silo.Api.OpenAi;

/// <summary>
/// Reads OpenAI's chat completion request. Known fields must have the right type and range (else a 400 that
/// names the field); unknown fields are ignored, as SDKs add new ones over time.
/// </summary>
internal static class ChatRequestParser
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant"];

    public static ChatRequest Parse(JsonElement root, bool modelRequired = true)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ApiRequestException("The request body must be a JSON object.");
        }
        var model = OptionalString(root, "model");
        if (modelRequired && string.IsNullOrWhiteSpace(model))
        {
            throw new ApiRequestException("'model' is required: a model id from GET /v1/models, or 'auto'.", "model");
        }
        var messages = Messages(root);
        var maxTokens = OptionalInt(root, "max_completion_tokens") ?? OptionalInt(root, "max_tokens");
        if (maxTokens is < 1)
        {
            throw new ApiRequestException("'max_tokens' must be at least 1.", "max_tokens");
        }
        var temperature = OptionalNumber(root, "temperature", 0, 2);
        var topP = OptionalNumber(root, "top_p", 0, 1);
        if (OptionalInt(root, "n") is { } n && n != 1)
        {
            throw new ApiRequestException("Only n=1 is supported.", "n");
        }
        var stream = OptionalBool(root, "stream") ?? false;
        var includeUsage = root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
            && (OptionalBool(streamOptions, "include_usage") ?? false);
        var hasTools = root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0;
        return new ChatRequest(model ?? "auto", messages, stream, maxTokens, temperature, topP, Stop(root), includeUsage, hasTools);
    }

    private static List<ChatTurn> Messages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw new ApiRequestException("'messages' must be an array of {role, content} objects.", "messages");
        }
        if (messages.GetArrayLength() == 0)
        {
            throw new ApiRequestException("'messages' must not be empty.", "messages");
        }
        var turns = new List<ChatTurn>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new ApiRequestException($"'{path}' must be an object with 'role' and 'content'.", path);
            }
            var role = OptionalString(message, "role");
            if (role is null || !Roles.Contains(role))
            {
                throw new ApiRequestException($"'{path}.role' must be one of system, developer, user, assistant.", $"{path}.role");
            }
            var content = Content(message, path);
            if (string.IsNullOrWhiteSpace(content) && role != "assistant")
            {
                throw new ApiRequestException($"'{path}.content' must not be empty.", $"{path}.content");
            }
            turns.Add(new ChatTurn(role == "developer" ? "system" : role, content));
        }
        return turns;
    }

    /// <summary>A string, or an array of parts of which the text ones are joined.</summary>
    private static string Content(JsonElement message, string path)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new ApiRequestException($"'{path}.content' must be a string or an array of content parts.", $"{path}.content");
        }
        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || OptionalString(part, "type") != "text" || OptionalString(part, "text") is not { } partText)
            {
                throw new ApiRequestException($"'{path}.content' may only hold text parts ({{\"type\":\"text\",\"text\":...}}).", $"{path}.content");
            }
            text.Append(partText);
        }
        return text.ToString();
    }

    private static IReadOnlyList<string>? Stop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (stop.ValueKind == JsonValueKind.String)
        {
            return [stop.GetString()!];
        }
        if (stop.ValueKind == JsonValueKind.Array && stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String) && stop.GetArrayLength() <= 4)
        {
            return [.. stop.EnumerateArray().Select(s => s.GetString()!)];
        }
        throw new ApiRequestException("'stop' must be a string or an array of at most 4 strings.", "stop");
    }

    private static string? OptionalString(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new ApiRequestException($"'{name}' must be a string.", name);

    private static bool? OptionalBool(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new ApiRequestException($"'{name}' must be true or false.", name);

    private static int? OptionalInt(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : throw new ApiRequestException($"'{name}' must be an integer.", name);

    private static float? OptionalNumber(JsonElement element, string name, double min, double max)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
        {
            throw new ApiRequestException($"'{name}' must be a number between {min} and {max}.", name);
        }
        return (float)number;
    }
}
