using System.Text.Json.Nodes;

namespace Grains.Tests.Fakes;

/// <summary>
/// Anthropic Messages API payloads as the real service sends them; the Bedrock fake wraps the same events
/// in event-stream frames for InvokeModelWithResponseStream.
/// </summary>
public static class AnthropicFakeEvents
{
    public const int InputTokens = 12;
    public static readonly string[] Chunks = ["Hello", " from", " the fake"];
    public static int OutputTokens => Chunks.Length * 2;
    public static string Text => string.Concat(Chunks);

    /// <param name="cache">Prompt-cache tokens to report (read, written), as the API does when a breakpoint was sent.</param>
    public static string Message(string model, (int Read, int Write)? cache = null) => new JsonObject
    {
        ["id"] = "msg_fake_1",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Text }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = Usage(InputTokens, OutputTokens, cache),
    }.ToJsonString();

    public static string MessageStart(string model, (int Read, int Write)? cache = null) => new JsonObject
    {
        ["type"] = "message_start",
        ["message"] = new JsonObject
        {
            ["id"] = "msg_fake_1",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(),
            ["stop_reason"] = null,
            ["stop_sequence"] = null,
            ["usage"] = Usage(InputTokens, 1, cache),
        },
    }.ToJsonString();

    public static string ContentBlockStart() =>
        """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""";

    public static string TextDelta(string text) => new JsonObject
    {
        ["type"] = "content_block_delta",
        ["index"] = 0,
        ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text },
    }.ToJsonString();

    public static string ContentBlockStop() => """{"type":"content_block_stop","index":0}""";

    public static string MessageDelta() => new JsonObject
    {
        ["type"] = "message_delta",
        ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
        ["usage"] = new JsonObject { ["output_tokens"] = OutputTokens },
    }.ToJsonString();

    public static string MessageStop() => """{"type":"message_stop"}""";

    public static string Error(string type, string message) => new JsonObject
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
    }.ToJsonString();

    /// <summary>The whole stream, in the order the service sends it; cache figures come in <c>message_start</c>.</summary>
    public static IEnumerable<string> Stream(string model, (int Read, int Write)? cache = null)
    {
        yield return MessageStart(model, cache);
        yield return ContentBlockStart();
        foreach (var chunk in Chunks)
        {
            yield return TextDelta(chunk);
        }
        yield return ContentBlockStop();
        yield return MessageDelta();
        yield return MessageStop();
    }

    /// <summary>What a stream sends before it breaks: the start and the first two text deltas.</summary>
    public static IEnumerable<string> StreamHead(string model) => Stream(model).Take(4);

    public static string TypeOf(string json) => JsonNode.Parse(json)!["type"]!.GetValue<string>();

    private static JsonObject Usage(int input, int output, (int Read, int Write)? cache = null)
    {
        var usage = new JsonObject { ["input_tokens"] = input, ["output_tokens"] = output };
        if (cache is { } counts)
        {
            usage["cache_creation_input_tokens"] = counts.Write;
            usage["cache_read_input_tokens"] = counts.Read;
        }
        return usage;
    }
}
