using System.Text.Json.Nodes;

namespace Grains.Tests.Fakes;

/// <summary>Converse and ConverseStream answers, shaped as the Bedrock runtime sends them.</summary>
public static class BedrockFakeConverse
{
    public const int InputTokens = 9;
    public static readonly string[] Chunks = ["Nova", " says", " hi"];
    public static int OutputTokens => Chunks.Length;
    public static string Text => string.Concat(Chunks);

    /// <param name="cache">Prompt-cache tokens to report (read, written) as <c>cacheReadInputTokens</c>/<c>cacheWriteInputTokens</c>.</param>
    public static string Response((int Read, int Write)? cache = null) => new JsonObject
    {
        ["output"] = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["text"] = Text }),
            },
        },
        ["stopReason"] = "end_turn",
        ["usage"] = Usage(cache),
        ["metrics"] = new JsonObject { ["latencyMs"] = 42 },
    }.ToJsonString();

    public static IEnumerable<byte[]> Stream((int Read, int Write)? cache = null)
    {
        yield return BedrockFakeFrames.Event("messageStart", new JsonObject { ["role"] = "assistant" });
        foreach (var chunk in Chunks)
        {
            yield return BedrockFakeFrames.Event("contentBlockDelta", new JsonObject
            {
                ["contentBlockIndex"] = 0,
                ["delta"] = new JsonObject { ["text"] = chunk },
                ["p"] = "abcd",
            });
        }
        yield return BedrockFakeFrames.Event("contentBlockStop", new JsonObject { ["contentBlockIndex"] = 0 });
        yield return BedrockFakeFrames.Event("messageStop", new JsonObject { ["stopReason"] = "end_turn" });
        yield return BedrockFakeFrames.Event("metadata", new JsonObject { ["usage"] = Usage(cache), ["metrics"] = new JsonObject { ["latencyMs"] = 42 } });
    }

    /// <summary>What a stream sends before it breaks: the start and the first two text deltas.</summary>
    public static IEnumerable<byte[]> StreamHead() => Stream().Take(3);

    private static JsonObject Usage((int Read, int Write)? cache = null)
    {
        var usage = new JsonObject
        {
            ["inputTokens"] = InputTokens,
            ["outputTokens"] = OutputTokens,
            ["totalTokens"] = InputTokens + OutputTokens + (cache?.Read ?? 0) + (cache?.Write ?? 0),
        };
        if (cache is { } counts)
        {
            usage["cacheReadInputTokens"] = counts.Read;
            usage["cacheWriteInputTokens"] = counts.Write;
        }
        return usage;
    }
}
