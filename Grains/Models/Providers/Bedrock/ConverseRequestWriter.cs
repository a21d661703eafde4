using System.Buffers;
using System.Text.Json;
using Grains.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Writes a Converse request body: <c>messages</c> (user/assistant turns of text blocks), <c>system</c> and
/// <c>inferenceConfig</c>. Text only for now: tools and media are refused rather than silently dropped.
/// A system prompt of at least <c>promptCacheMinTokens</c> estimated tokens ends with a
/// <c>{"cachePoint":{"type":"default"}}</c> block, so Bedrock caches it (0 = never).
/// </summary>
public static class ConverseRequestWriter
{
    public static byte[] Write(IEnumerable<ChatMessage> messages, ChatOptions? options, int defaultMaxTokens, int promptCacheMinTokens = 0)
    {
        if (options?.Tools is { Count: > 0 })
        {
            throw new ModelCallException(ModelErrorKind.Permanent, "bedrock-converse sends text only; tools are not supported yet.");
        }
        var system = new List<string>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            system.Add(options.Instructions);
        }
        var turns = new List<(string Role, List<string> Texts)>();
        foreach (var message in messages)
        {
            var texts = message.Contents.OfType<TextContent>().Select(t => t.Text).Where(t => t.Length > 0).ToList();
            if (message.Contents.Any(c => c is DataContent or UriContent or FunctionCallContent or FunctionResultContent))
            {
                throw new ModelCallException(ModelErrorKind.Permanent, "bedrock-converse sends text only; media and tool content are not supported yet.");
            }
            if (texts.Count == 0)
            {
                continue;
            }
            if (message.Role == ChatRole.System)
            {
                system.AddRange(texts);
                continue;
            }
            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            // Converse wants alternating roles; consecutive messages of one role become one turn.
            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Texts.AddRange(texts);
            }
            else
            {
                turns.Add((role, texts));
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("messages");
            foreach (var (role, texts) in turns)
            {
                json.WriteStartObject();
                json.WriteString("role", role);
                WriteTextBlocks(json, "content", texts);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (system.Count > 0)
            {
                WriteTextBlocks(json, "system", system, PromptCacheSize.Reaches(PromptCacheSize.OfTexts(system), promptCacheMinTokens));
            }
            WriteInferenceConfig(json, options, defaultMaxTokens);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteInferenceConfig(Utf8JsonWriter json, ChatOptions? options, int defaultMaxTokens)
    {
        json.WriteStartObject("inferenceConfig");
        json.WriteNumber("maxTokens", options?.MaxOutputTokens ?? defaultMaxTokens);
        if (options?.Temperature is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }
        if (options?.TopP is { } topP)
        {
            json.WriteNumber("topP", topP);
        }
        if (options?.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stopSequences");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteTextBlocks(Utf8JsonWriter json, string name, IEnumerable<string> texts, bool cachePoint = false)
    {
        json.WriteStartArray(name);
        foreach (var text in texts)
        {
            json.WriteStartObject();
            json.WriteString("text", text);
            json.WriteEndObject();
        }
        if (cachePoint)
        {
            // Everything before the block (the whole system prompt) is the cached prefix.
            json.WriteStartObject();
            json.WriteStartObject("cachePoint");
            json.WriteString("type", "default");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
