using System.Text;
using System.Text.Json;
using Grains.Models.Providers.OpenAI;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.OpenAI;

/// <summary>Streamed chunks read in one pass: what the gateway needs is found, anything else is skipped.</summary>
public sealed class OpenAiResponseReaderTests
{
    [Fact]
    public void The_first_choice_and_the_usage_details_are_read_past_unknown_properties()
    {
        const string chunk = """
            {"id":"c1","object":"chat.completion.chunk","created":1735689600,"model":"gpt-x","system_fingerprint":null,
             "extra":{"nested":[1,{"deep":true}]},
             "choices":[{"index":0,"delta":{"role":"assistant","content":"Paris","refusal":null},"logprobs":null,"finish_reason":"length"},
                        {"index":1,"delta":{"content":"Lyon"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,
                      "prompt_tokens_details":{"cached_tokens":8,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":2}}}
            """;

        var update = OpenAiResponseReader.ReadChunk(Encoding.UTF8.GetBytes(chunk));

        Assert.Equal("Paris", update.Text);
        Assert.Equal(ChatRole.Assistant, update.Role);
        Assert.Equal(ChatFinishReason.Length, update.FinishReason);
        Assert.Equal("c1", update.ResponseId);
        Assert.Equal("gpt-x", update.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1735689600), update.CreatedAt);
        var usage = Assert.Single(update.Contents.OfType<UsageContent>()).Details;
        Assert.Equal((12L, 3L, 15L, 8L, 2L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
    }

    [Fact]
    public void A_chunk_without_choices_text_or_usage_is_an_empty_update()
    {
        var update = OpenAiResponseReader.ReadChunk("""{"id":"c2","choices":[],"usage":null}"""u8);

        Assert.Empty(update.Contents);
        Assert.Null(update.FinishReason);
        Assert.Null(update.Role);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"choices\":[{\"delta\":")]
    public void Anything_but_a_whole_json_object_is_a_json_error(string chunk) =>
        Assert.ThrowsAny<JsonException>(() => OpenAiResponseReader.ReadChunk(Encoding.UTF8.GetBytes(chunk)));
}
