using System.Text.Json;
using Grains.Interfaces.Models;
using Silo.Api.Errors;
using Silo.Api.OpenAi;

namespace Silo.Api.Sessions;

/// <summary>
/// The native message request: <c>{"content": "...", "model": "auto"}</c> for one user message, or the chat
/// completion shape (<c>messages</c>, <c>max_tokens</c>, ...) with the model optional (default <c>auto</c>).
/// </summary>
internal static class SessionMessageRequestParser
{
    public static ChatRequest Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("messages", out _) && root.TryGetProperty("content", out var content))
        {
            if (content.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(content.GetString()))
            {
                throw new ApiRequestException("'content' must be a non-empty string.", "content");
            }
            var model = root.TryGetProperty("model", out var m) ? m.ValueKind == JsonValueKind.String ? m.GetString()! : throw new ApiRequestException("'model' must be a string.", "model") : "auto";
            var rest = ChatRequestParser.Parse(JsonDocument.Parse($$"""{"messages":[{"role":"user","content":{{content.GetRawText()}}}]}""").RootElement, modelRequired: false);
            return WithOptions(rest with { Model = model }, root);
        }
        return ChatRequestParser.Parse(root, modelRequired: false);
    }

    private static ChatRequest WithOptions(ChatRequest request, JsonElement root)
    {
        // Reuse the chat parser's checks for the optional knobs by parsing them beside a placeholder message.
        var knobs = new Dictionary<string, JsonElement>();
        foreach (var property in root.EnumerateObject().Where(p => p.Name is "max_tokens" or "max_completion_tokens" or "temperature" or "top_p" or "stop"))
        {
            knobs[property.Name] = property.Value;
        }
        knobs["messages"] = JsonDocument.Parse("""[{"role":"user","content":"x"}]""").RootElement;
        var parsed = ChatRequestParser.Parse(JsonSerializer.SerializeToElement(knobs), modelRequired: false);
        return request with { MaxTokens = parsed.MaxTokens, Temperature = parsed.Temperature, TopP = parsed.TopP, Stop = parsed.Stop };
    }
}
