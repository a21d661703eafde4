using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.OpenAI;

/// <summary>A chat completion (UTF-8 JSON, not streamed) to a Microsoft.Extensions.AI response.</summary>
internal static class OpenAiResponseReader
{
    public static ChatResponse ReadCompletion(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var choice = FirstChoice(root);
        var text = choice is { } c && c.TryGetProperty("message", out var message) ? StringOf(message, "content") ?? "" : "";
        var id = StringOf(root, "id");
        var created = CreatedAt(root);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text) { MessageId = id, CreatedAt = created })
        {
            ResponseId = id,
            ModelId = StringOf(root, "model"),
            CreatedAt = created,
            FinishReason = choice is { } f ? FinishReasonOf(StringOf(f, "finish_reason")) : null,
            Usage = UsageOf(root),
        };
    }

    private static JsonElement? FirstChoice(JsonElement root) =>
        root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0 ? choices[0] : null;

    public static ChatFinishReason? FinishReasonOf(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        var other => new ChatFinishReason(other),
    };

    private static UsageDetails? UsageOf(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        return new UsageDetails
        {
            InputTokenCount = NumberOf(usage, "prompt_tokens"),
            OutputTokenCount = NumberOf(usage, "completion_tokens"),
            TotalTokenCount = NumberOf(usage, "total_tokens"),
            // Passed through so budgets and metrics can see provider prompt caching and reasoning at work.
            CachedInputTokenCount = usage.TryGetProperty("prompt_tokens_details", out var input) ? NumberOf(input, "cached_tokens") : null,
            ReasoningTokenCount = usage.TryGetProperty("completion_tokens_details", out var output) ? NumberOf(output, "reasoning_tokens") : null,
        };
    }

    private static DateTimeOffset? CreatedAt(JsonElement root) =>
        NumberOf(root, "created") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? NumberOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
