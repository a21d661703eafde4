using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// Chat completions and streamed chunks (UTF-8 JSON) to Microsoft.Extensions.AI responses, each read in a single
/// pass over its bytes (no document per chunk: a 16-token answer is about twenty chunks). Unknown properties are
/// skipped; malformed JSON throws <see cref="JsonException"/>.
/// </summary>
internal static class OpenAiResponseReader
{
    public static ChatResponse ReadCompletion(ReadOnlySpan<byte> body)
    {
        var read = Read(body);
        var message = new ChatMessage(ChatRole.Assistant, read.Text ?? "") { MessageId = read.Id, CreatedAt = read.CreatedAt };
        return new ChatResponse(message)
        {
            ResponseId = read.Id,
            ModelId = read.Model,
            CreatedAt = read.CreatedAt,
            FinishReason = read.FinishReason,
            Usage = read.Usage,
        };
    }

    public static ChatResponseUpdate ReadChunk(ReadOnlySpan<byte> data)
    {
        var read = Read(data);
        var contents = new List<AIContent>(1);
        if (!string.IsNullOrEmpty(read.Text))
        {
            contents.Add(new TextContent(read.Text));
        }
        // OpenAI sends usage in its own chunk after the finish reason (choices empty); some compatible servers put
        // it on the finish chunk. Either way it rides on the update that carried it.
        if (read.Usage is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }
        return new ChatResponseUpdate(read.HasRole ? ChatRole.Assistant : null, contents)
        {
            ResponseId = read.Id,
            MessageId = read.Id,
            ModelId = read.Model,
            CreatedAt = read.CreatedAt,
            FinishReason = read.FinishReason,
        };
    }

    private static Fields Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? id = null, model = null, text = null, finishReason = null;
        long? created = null;
        var hasRole = false;
        UsageDetails? usage = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An OpenAI response is not a JSON object.");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                model = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                created = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                ReadChoices(ref reader, ref text, ref finishReason, ref hasRole);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                usage = ReadUsage(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new Fields(id, model, created is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null, text, FinishReasonOf(finishReason), hasRole, usage);
    }

    private static ChatFinishReason? FinishReasonOf(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        var other => new ChatFinishReason(other),
    };

    /// <summary>The first choice's text and role (its delta in a chunk, its message in a completion) and finish reason; later choices are skipped.</summary>
    private static void ReadChoices(ref Utf8JsonReader reader, ref string? text, ref string? finishReason, ref bool hasRole)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            first = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("finish_reason"u8))
                {
                    finishReason = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    ReadMessage(ref reader, ref text, ref hasRole);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }

    private static void ReadMessage(ref Utf8JsonReader reader, ref string? text, ref bool hasRole)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                text = ReadString(ref reader);
            }
            else
            {
                hasRole |= reader.ValueTextEquals("role"u8);
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static UsageDetails? ReadUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        var usage = new UsageDetails();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                usage.InputTokenCount = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                usage.OutputTokenCount = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                usage.TotalTokenCount = ReadNumber(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                usage.CachedInputTokenCount = ReadNested(ref reader, "cached_tokens"u8);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                usage.ReasoningTokenCount = ReadNested(ref reader, "reasoning_tokens"u8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return usage;
    }

    /// <summary>The number named <paramref name="name"/> inside the object that is the next value.</summary>
    private static long? ReadNested(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        long? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                found = ReadNumber(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return found;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }
        reader.Skip();
        return null;
    }

    private static long? ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number;
        }
        reader.Skip();
        return null;
    }

    private readonly record struct Fields(
        string? Id, string? Model, DateTimeOffset? CreatedAt, string? Text, ChatFinishReason? FinishReason, bool HasRole, UsageDetails? Usage);
}
