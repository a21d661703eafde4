using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime.EventStreams;

namespace Grains.Tests.Fakes;

/// <summary>AWS event-stream frames as Bedrock writes them, encoded with AWSSDK.Core's EventStreamMessage.</summary>
public static class BedrockFakeFrames
{
    /// <summary>A ConverseStream event such as contentBlockDelta; the payload is the event member's JSON.</summary>
    public static byte[] Event(string eventType, JsonObject payload) => Frame(
        [Header(":message-type", "event"), Header(":event-type", eventType), Header(":content-type", "application/json")],
        payload.ToJsonString());

    /// <summary>An InvokeModelWithResponseStream chunk: the Anthropic event, base64 in <c>bytes</c>, plus padding.</summary>
    public static byte[] Chunk(string anthropicEventJson) => Event("chunk", new JsonObject
    {
        ["bytes"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(anthropicEventJson)),
        ["p"] = "abcdefghij",
    });

    public static byte[] Exception(string exceptionType, string message) => Frame(
        [Header(":message-type", "exception"), Header(":exception-type", exceptionType), Header(":content-type", "application/json")],
        new JsonObject { ["message"] = message }.ToJsonString());

    private static byte[] Frame(List<IEventStreamHeader> headers, string payload) =>
        new EventStreamMessage(headers, Encoding.UTF8.GetBytes(payload)).ToByteArray();

    private static IEventStreamHeader Header(string name, string value)
    {
        var header = new EventStreamHeader(name);
        header.SetString(value);
        return header;
    }
}
