using System.Buffers;
using System.Text.Json;

namespace Client.Bench.Overhead;

/// <summary>
/// The zero-latency upstream's answers, built once: a chat completion and the whole SSE stream of one, in
/// OpenAI's shapes, so that serving a request costs a copy and nothing the measurement would notice.
/// </summary>
internal sealed class UpstreamPayloads
{
    private const string Id = "chatcmpl-bench";
    private const long Created = 1_700_000_000;

    public UpstreamPayloads(string model, int outputTokens)
    {
        var tokens = Enumerable.Range(0, outputTokens).Select(i => $"word{i} ").ToArray();
        Completion = Json(json =>
        {
            Header(json, "chat.completion", model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", string.Concat(tokens));
            json.WriteEndObject();
            json.WriteString("finish_reason", "stop");
            json.WriteEndObject();
            json.WriteEndArray();
            Usage(json, outputTokens);
            json.WriteEndObject();
        });
        var stream = new ArrayBufferWriter<byte>();
        for (var i = 0; i < tokens.Length; i++)
        {
            var first = i == 0;
            var token = tokens[i];
            Event(stream, Json(json => Chunk(json, model, json =>
            {
                if (first)
                {
                    json.WriteString("role", "assistant");
                }
                json.WriteString("content", token);
            }, null)));
        }
        Event(stream, Json(json => Chunk(json, model, _ => { }, "stop")));
        // OpenAI sends usage in a last chunk with no choices when stream_options.include_usage is set (the SDK sets it).
        Event(stream, Json(json =>
        {
            Header(json, "chat.completion.chunk", model);
            json.WriteStartArray("choices");
            json.WriteEndArray();
            Usage(json, outputTokens);
            json.WriteEndObject();
        }));
        Event(stream, "[DONE]"u8.ToArray());
        Stream = stream.WrittenSpan.ToArray();
    }

    /// <summary>The body of a non-streaming answer (application/json).</summary>
    public byte[] Completion { get; }

    /// <summary>The body of a streaming answer (text/event-stream), every event at once as a free model would send it.</summary>
    public byte[] Stream { get; }

    private static void Chunk(Utf8JsonWriter json, string model, Action<Utf8JsonWriter> delta, string? finishReason)
    {
        Header(json, "chat.completion.chunk", model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        delta(json);
        json.WriteEndObject();
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Header(Utf8JsonWriter json, string type, string model)
    {
        json.WriteStartObject();
        json.WriteString("id", Id);
        json.WriteString("object", type);
        json.WriteNumber("created", Created);
        json.WriteString("model", model);
    }

    private static void Usage(Utf8JsonWriter json, int outputTokens)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", 8);
        json.WriteNumber("completion_tokens", outputTokens);
        json.WriteNumber("total_tokens", 8 + outputTokens);
        json.WriteEndObject();
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Event(ArrayBufferWriter<byte> stream, byte[] data)
    {
        stream.Write("data: "u8);
        stream.Write(data);
        stream.Write("\n\n"u8);
    }
}
