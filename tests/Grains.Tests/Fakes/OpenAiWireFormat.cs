using System.Text.Json;
using System.Text.Json.Nodes;

namespace Grains.Tests.Fakes;

/// <summary>Request parsing and response bodies in the exact shape of OpenAI's chat completions API.</summary>
public static class OpenAiWireFormat
{
    /// <summary>The fake answers with a dated model name, as OpenAI does, so tests see the response's model.</summary>
    public const string ModelVersionSuffix = "-2024-07-18";

    public const long Created = 1_735_689_600;

    public static OpenAiRecordedRequest ParseRequest(JsonElement body, string path, string? authorization)
    {
        var messages = body.TryGetProperty("messages", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(m => new OpenAiRecordedMessage(String(m, "role") ?? "", ContentOf(m))).ToList()
            : [];
        var stop = body.TryGetProperty("stop", out var s)
            ? s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : s.ValueKind == JsonValueKind.String ? [s.GetString()!] : []
            : new List<string>();
        var includeUsage = body.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        return new OpenAiRecordedRequest(
            path,
            String(body, "model"),
            messages,
            Int(body, "max_completion_tokens"),
            Int(body, "max_tokens"),
            body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            includeUsage,
            Double(body, "temperature"),
            Double(body, "top_p"),
            stop,
            authorization);
    }

    public static string Completion(string model, string text, string finishReason, int promptTokens, int completionTokens) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text, ["refusal"] = null },
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = Usage(promptTokens, completionTokens),
    }.ToJsonString();

    /// <summary>A streaming chunk; a null delta with a finish reason is the final chunk (delta {}).</summary>
    public static string Chunk(string model, JsonObject delta, string? finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    }.ToJsonString();

    /// <summary>The chunk OpenAI sends after the finish reason when stream_options.include_usage is set.</summary>
    public static string UsageChunk(string model, int promptTokens, int completionTokens) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(),
        ["usage"] = Usage(promptTokens, completionTokens),
    }.ToJsonString();

    public static string Error(string message, string type, string? code, string? param = null) => new JsonObject
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
    }.ToJsonString();

    private static JsonObject Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
    };

    // Content is a string, or an array of parts of which the text ones count.
    private static string ContentOf(JsonElement message) =>
        !message.TryGetProperty("content", out var content) ? ""
        : content.ValueKind == JsonValueKind.String ? content.GetString()!
        : content.ValueKind == JsonValueKind.Array ? string.Concat(content.EnumerateArray().Select(p => String(p, "text")))
        : "";

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
