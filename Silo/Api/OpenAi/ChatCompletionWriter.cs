using System.Buffers;
using System.Text.Json;
using Grains.Interfaces.Models;
using Grains.Interfaces.Sessions;

namespace Silo.Api.OpenAi;

/// <summary>OpenAI's chat completion shapes, written with a Utf8JsonWriter: no intermediate objects per token.</summary>
internal static class ChatCompletionWriter
{
    private const int InitialCompletionBuffer = 4096;
    private const int LargestKeptCompletionBuffer = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_completionBuffer;

    public static void Chunk(IBufferWriter<byte> output, string id, long created, string model, string? content, bool first, string? finishReason)
    {
        using var json = new Utf8JsonWriter(output);
        Header(json, id, "chat.completion.chunk", created, model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        if (first)
        {
            json.WriteString("role", "assistant");
        }
        if (content is not null)
        {
            json.WriteString("content", content);
        }
        json.WriteEndObject();
        WriteFinish(json, finishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The last chunk before [DONE] when usage was asked for; also carries our stage timings.</summary>
    public static void UsageChunk(IBufferWriter<byte> output, string id, long created, ModelCallSummary summary, StageTimings timings)
    {
        using var json = new Utf8JsonWriter(output);
        Header(json, id, "chat.completion.chunk", created, summary.Model);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        Usage(json, summary);
        Timings(json, timings);
        json.WriteEndObject();
    }

    public static byte[] Completion(string id, long created, string text, ModelCallSummary summary, StageTimings timings)
    {
        // One buffer per thread, reused: the writer asks for room for the worst-case escaping of the whole answer,
        // which would grow a fresh buffer several times per request. Nothing here awaits, so the thread's buffer
        // is not shared while in use.
        var buffer = t_completionBuffer ??= new ArrayBufferWriter<byte>(InitialCompletionBuffer);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Header(json, id, "chat.completion", created, summary.Model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", text);
            json.WriteEndObject();
            WriteFinish(json, summary.FinishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            Usage(json, summary);
            Timings(json, timings);
            json.WriteEndObject();
        }
        var completion = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > LargestKeptCompletionBuffer)
        {
            // A very long answer does not keep its buffer on the thread.
            t_completionBuffer = null;
        }
        return completion;
    }

    private static void Header(Utf8JsonWriter json, string id, string type, long created, string model)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", type);
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static void WriteFinish(Utf8JsonWriter json, string? finishReason)
    {
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }
    }

    private static void Usage(Utf8JsonWriter json, ModelCallSummary summary)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", summary.InputTokens);
        json.WriteNumber("completion_tokens", summary.OutputTokens);
        json.WriteNumber("total_tokens", summary.InputTokens + summary.OutputTokens);
        json.WriteEndObject();
    }

    /// <summary>An extension field: OpenAI clients ignore it, our tools read it.</summary>
    private static void Timings(Utf8JsonWriter json, StageTimings timings)
    {
        json.WriteStartObject("server_timing");
        json.WriteNumber("admission_ms", timings.AdmissionMs);
        json.WriteNumber("cache_ms", timings.CacheMs);
        if (timings.ModelTtftMs is { } ttft)
        {
            json.WriteNumber("model_ttft_ms", ttft);
        }
        json.WriteNumber("model_ms", timings.ModelMs);
        json.WriteNumber("persistence_ms", timings.PersistenceMs);
        json.WriteNumber("total_ms", timings.TotalMs);
        json.WriteEndObject();
    }
}
