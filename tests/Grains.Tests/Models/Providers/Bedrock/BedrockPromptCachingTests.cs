using System.Text.Json.Nodes;
using Grains.Models.Configuration;
using Grains.Models.Providers.Bedrock;
using Grains.Models.Providers.PromptCaching;
using Grains.Tests.Fakes;
using Grains.Tests.Models.Providers.Anthropic;
using Grains.Tests.Models.Providers.Credentials;
using Grains.Tests.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;
using TestSupport;

namespace Grains.Tests.Models.Providers.Bedrock;

public sealed class BedrockPromptCachingTests : IAsyncLifetime
{
    private const string Claude = "anthropic.claude-3-7-sonnet-20250219-v1:0";
    private const string Nova = "amazon.nova-lite-v1:0";
    private const string CachePoint = """{"cachePoint":{"type":"default"}}""";
    private readonly ManualTimeProvider _clock = new();
    private readonly CountingAwsCredentialResolver _credentials =
        new(BedrockFakeServer.AccessKey, BedrockFakeServer.SecretKey, BedrockFakeServer.SessionToken);
    private BedrockFakeServer _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await BedrockFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    private ModelOptions Options(string provider, string model, int? minTokens) => new()
    {
        Provider = provider,
        Model = model,
        Endpoint = _fake.Url,
        Region = BedrockFakeServer.Region,
        PromptCacheMinTokens = minTokens,
    };

    private IChatClient Claude3(int? minTokens = null, string model = Claude) =>
        new BedrockAnthropicProvider(_clock, _credentials).CreateClient("claude", Options("bedrock-anthropic", model, minTokens));

    private IChatClient Converse(string model = Nova, int? minTokens = null) =>
        new BedrockConverseProvider(_clock, _credentials).CreateClient("converse", Options("bedrock-converse", model, minTokens));

    private static List<ChatMessage> Ask(string system) => [new(ChatRole.System, system), new(ChatRole.User, "hi")];

    private JsonObject SentBody() => Assert.Single(_fake.Requests).Body;

    [Fact]
    public async Task Claude_on_bedrock_gets_cache_control_on_a_long_system_prompt()
    {
        await Claude3().GetResponseAsync(Ask(PromptTexts.Long));

        var sent = Assert.Single(_fake.Requests);
        Assert.Equal("invoke", sent.Operation);
        var block = Assert.Single(sent.Body["system"]!.AsArray())!;
        Assert.Equal(PromptTexts.Long, block["text"]!.GetValue<string>());
        Assert.Equal("""{"type":"ephemeral"}""", block["cache_control"]!.ToJsonString());
    }

    [Fact]
    public async Task Claude_on_bedrock_sends_a_short_system_prompt_unmarked()
    {
        await Claude3().GetResponseAsync(Ask(PromptTexts.Short));

        Assert.DoesNotContain("cache_control", SentBody().ToJsonString());
    }

    [Fact]
    public async Task Claude_haiku_on_bedrock_waits_for_2048_tokens()
    {
        await Claude3(model: "anthropic.claude-3-5-haiku-20241022-v1:0").GetResponseAsync(Ask(PromptTexts.Long));

        Assert.DoesNotContain("cache_control", SentBody().ToJsonString());
    }

    [Fact]
    public async Task Claude_on_bedrock_reports_cache_reads_and_writes_answered_and_streamed()
    {
        _fake.CacheUsage = (Read: 0, Write: 1450);
        var response = await Claude3().GetResponseAsync(Ask(PromptTexts.Long));
        _fake.CacheUsage = (Read: 1450, Write: 0);
        var (updates, error) = await ChatStream.CollectAsync(Claude3().GetStreamingResponseAsync(Ask(PromptTexts.Long)));

        Assert.Equal((0L, 1450L), (PromptCacheUsage.ReadTokens(response.Usage), PromptCacheUsage.WriteTokens(response.Usage)));
        Assert.Null(error);
        var streamed = ChatStream.UsageOf(updates);
        Assert.Equal((1450L, 0L), (PromptCacheUsage.ReadTokens(streamed), PromptCacheUsage.WriteTokens(streamed)));
        Assert.All(_fake.Requests, r => Assert.NotNull(r.Body["system"]![0]!["cache_control"]));
    }

    [Fact]
    public async Task Converse_ends_a_long_system_prompt_with_a_cache_point()
    {
        await Converse().GetResponseAsync(Ask(PromptTexts.Long));

        var system = SentBody()["system"]!.AsArray();
        Assert.Equal(2, system.Count);
        Assert.Equal(PromptTexts.Long, system[0]!["text"]!.GetValue<string>());
        Assert.Equal(CachePoint, system[1]!.ToJsonString());
    }

    [Fact]
    public async Task Converse_sends_a_short_system_prompt_without_a_cache_point()
    {
        await Converse().GetStreamingResponseAsync(Ask(PromptTexts.Short)).ToListAsync();

        var sent = Assert.Single(_fake.Requests);
        Assert.Equal("converse-stream", sent.Operation);
        Assert.Equal($$"""[{"text":"{{PromptTexts.Short}}"}]""", sent.Body["system"]!.ToJsonString());
    }

    [Fact]
    public async Task Converse_marks_claude_models_but_not_models_that_cannot_cache_unless_configured()
    {
        await Converse("anthropic.claude-3-7-sonnet-20250219-v1:0").GetResponseAsync(Ask(PromptTexts.Long));
        Assert.Equal(CachePoint, SentBody()["system"]!.AsArray().Last()!.ToJsonString());

        _fake.Requests.Clear();
        await Converse("meta.llama3-70b-instruct-v1:0").GetResponseAsync(Ask(PromptTexts.Long));
        Assert.DoesNotContain("cachePoint", SentBody().ToJsonString());

        _fake.Requests.Clear();
        await Converse("meta.llama3-70b-instruct-v1:0", minTokens: 1024).GetResponseAsync(Ask(PromptTexts.Long));
        Assert.Contains("cachePoint", SentBody().ToJsonString());

        _fake.Requests.Clear();
        await Converse(minTokens: 0).GetResponseAsync(Ask(PromptTexts.Long));
        Assert.DoesNotContain("cachePoint", SentBody().ToJsonString());
    }

    [Fact]
    public async Task Converse_reports_cache_reads_and_writes_answered()
    {
        _fake.CacheUsage = (Read: 1200, Write: 250);

        var response = await Converse().GetResponseAsync(Ask(PromptTexts.Long));

        Assert.Equal(1200, response.Usage?.CachedInputTokenCount);
        Assert.Equal(250, response.Usage?.AdditionalCounts?[PromptCacheUsage.CacheWriteKey]);
        Assert.Equal((1200L, 250L), (PromptCacheUsage.ReadTokens(response.Usage), PromptCacheUsage.WriteTokens(response.Usage)));
        Assert.Equal(BedrockFakeConverse.InputTokens, response.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Converse_reports_cache_reads_and_writes_streamed()
    {
        _fake.CacheUsage = (Read: 0, Write: 1450);

        var (updates, error) = await ChatStream.CollectAsync(Converse().GetStreamingResponseAsync(Ask(PromptTexts.Long)));

        Assert.Null(error);
        var usage = ChatStream.UsageOf(updates);
        Assert.Equal((0L, 1450L), (PromptCacheUsage.ReadTokens(usage), PromptCacheUsage.WriteTokens(usage)));
    }

    [Fact]
    public void The_writer_puts_the_cache_point_after_every_system_text_instructions_included()
    {
        var body = JsonNode.Parse(ConverseRequestWriter.Write(
            [new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")],
            new ChatOptions { Instructions = "Answer in French." },
            defaultMaxTokens: 10,
            promptCacheMinTokens: 1000))!;

        Assert.Equal(
            $$"""[{"text":"Answer in French."},{"text":"{{PromptTexts.Long}}"},{{CachePoint}}]""",
            body["system"]!.ToJsonString());
        Assert.DoesNotContain("cachePoint", body["messages"]!.ToJsonString());
    }
}
