using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.OpenAI;

/// <summary>A chat completions request body (text messages only), written straight to UTF-8.</summary>
internal static class OpenAiRequestWriter
{
    public static byte[] Write(string model, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            var count = 0;
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", RoleOf(message));
                json.WriteString("content", message.Text);
                json.WriteEndObject();
                count++;
            }
            if (count == 0)
            {
                throw new ArgumentException("At least one message is required.", nameof(messages));
            }
            json.WriteEndArray();
            WriteOptions(json, options);
            if (stream)
            {
                json.WriteBoolean("stream", true);
                // Without it OpenAI sends no usage on streams, and token budgets would only see estimates.
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOptions(Utf8JsonWriter json, ChatOptions? options)
    {
        if (options?.MaxOutputTokens is { } max)
        {
            json.WriteNumber("max_completion_tokens", max);
        }
        if (options?.Temperature is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }
        if (options?.TopP is { } topP)
        {
            json.WriteNumber("top_p", topP);
        }
        if (options?.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }
            json.WriteEndArray();
        }
    }

    private static string RoleOf(ChatMessage message)
    {
        // Dropping an image or a tool result silently would change the question; refuse instead, as Permanent, so
        // routing can pick a provider that understands it.
        if (message.Contents.FirstOrDefault(c => c is not TextContent and not UsageContent) is { } other)
        {
            throw Unsupported($"content of type {other.GetType().Name}");
        }
        return message.Role == ChatRole.System ? "system"
            : message.Role == ChatRole.User ? "user"
            : message.Role == ChatRole.Assistant ? "assistant"
            : throw Unsupported($"role '{message.Role}'");
    }

    private static ModelCallException Unsupported(string what) =>
        new(ModelErrorKind.Permanent, $"The OpenAI provider sends text messages with system, user and assistant roles only; got {what}.");
}
