using System.Text.Json;
using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Bedrock;

/// <summary>Reads Converse's answer (<c>output.message.content[].text</c>, <c>stopReason</c>, <c>usage</c>).</summary>
public static class ConverseResponseReader
{
    public static ChatResponse Read(JsonElement root, string modelId)
    {
        var text = string.Empty;
        if (root.TryGetProperty("output", out var output) && output.TryGetProperty("message", out var message)
            && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            text = string.Concat(content.EnumerateArray()
                .Select(block => block.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null));
        }
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = modelId,
            FinishReason = FinishReasonOf(root),
            Usage = root.TryGetProperty("usage", out var usage) ? UsageOf(usage) : null,
        };
    }

    public static ChatFinishReason? FinishReasonOf(JsonElement element) =>
        element.TryGetProperty("stopReason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString() switch
            {
                "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
                "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
                "tool_use" => ChatFinishReason.ToolCalls,
                "content_filtered" or "guardrail_intervened" => ChatFinishReason.ContentFilter,
                var other => new ChatFinishReason(other!),
            }
            : null;

    /// <summary>
    /// Token counts as Bedrock reports them; cache reads go to <see cref="UsageDetails.CachedInputTokenCount"/>,
    /// cache writes to <see cref="UsageDetails.AdditionalCounts"/>[<see cref="PromptCacheUsage.CacheWriteKey"/>].
    /// </summary>
    public static UsageDetails UsageOf(JsonElement usage) => new()
    {
        InputTokenCount = Number(usage, "inputTokens"),
        OutputTokenCount = Number(usage, "outputTokens"),
        TotalTokenCount = Number(usage, "totalTokens"),
        CachedInputTokenCount = Number(usage, "cacheReadInputTokens"),
        AdditionalCounts = Number(usage, "cacheWriteInputTokens") is { } written
            ? new AdditionalPropertiesDictionary<long> { [PromptCacheUsage.CacheWriteKey] = written }
            : null,
    };

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
}
