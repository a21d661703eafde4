using System.Text.Json.Nodes;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Anthropic;
using Grains.Models.Providers.PromptCaching;
using Grains.Tests.Fakes;
using Grains.Tests.Models.Providers.PromptCaching;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.Anthropic;

public sealed class AnthropicPromptCachingTests : IAsyncLifetime
{
    private const string Ephemeral = """{"type":"ephemeral"}""";
    private AnthropicFakeServer _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await AnthropicFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    private IChatClient Client(string model = "claude-sonnet-4-5", int? minTokens = null) => new AnthropicProvider().CreateClient("claude", new ModelOptions
    {
        Provider = "anthropic",
        Model = model,
        Endpoint = _fake.Url,
        ApiKey = AnthropicFakeServer.ApiKey,
        PromptCacheMinTokens = minTokens,
    });

    private JsonArray SentSystem() => Assert.Single(_fake.Requests)["system"]!.AsArray();

    [Fact]
    public async Task A_long_system_prompt_gets_a_cache_point_on_its_last_block()
    {
        await Client().GetResponseAsync([new(ChatRole.System, "Rules first."), new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")]);

        var system = SentSystem();
        Assert.Equal(2, system.Count);
        Assert.Null(system[0]!["cache_control"]);
        Assert.Equal(PromptTexts.Long, system[1]!["text"]!.GetValue<string>());
        Assert.Equal(Ephemeral, system[1]!["cache_control"]!.ToJsonString());
    }

    [Fact]
    public async Task A_short_system_prompt_is_sent_without_a_cache_point()
    {
        await Client().GetResponseAsync([new(ChatRole.System, PromptTexts.Short), new(ChatRole.User, "hi")]);

        var system = SentSystem();
        Assert.Equal(PromptTexts.Short, Assert.Single(system)!["text"]!.GetValue<string>());
        Assert.DoesNotContain("cache_control", Assert.Single(_fake.Requests).ToJsonString());
    }

    [Fact]
    public async Task A_streamed_request_is_marked_too()
    {
        await foreach (var _ in Client().GetStreamingResponseAsync([new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")]))
        {
        }

        Assert.Equal(Ephemeral, Assert.Single(SentSystem())!["cache_control"]!.ToJsonString());
        Assert.True(Assert.Single(_fake.Requests)["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Instructions_sent_last_carry_the_cache_point_and_the_callers_options_stay_as_they_were()
    {
        var options = new ChatOptions { Instructions = PromptTexts.Long };
        var messages = new List<ChatMessage> { new(ChatRole.System, PromptTexts.Short), new(ChatRole.User, "hi") };

        await Client().GetResponseAsync(messages, options);

        var system = SentSystem();
        Assert.Equal([PromptTexts.Short, PromptTexts.Long], system.Select(b => b!["text"]!.GetValue<string>()));
        Assert.Null(system[0]!["cache_control"]);
        Assert.Equal(Ephemeral, system[1]!["cache_control"]!.ToJsonString());
        Assert.Equal(PromptTexts.Long, options.Instructions);
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public async Task The_callers_messages_are_not_changed_by_marking()
    {
        var system = new ChatMessage(ChatRole.System, PromptTexts.Long);
        var content = system.Contents[0];

        await Client().GetResponseAsync([system, new(ChatRole.User, "hi")]);
        _fake.Requests.Clear();
        await Client(minTokens: 0).GetResponseAsync([system, new(ChatRole.User, "hi")]);

        Assert.Same(content, Assert.Single(system.Contents));
        Assert.Null(content.AdditionalProperties);
        Assert.DoesNotContain("cache_control", Assert.Single(_fake.Requests).ToJsonString());
    }

    [Fact]
    public async Task Long_tool_definitions_get_a_cache_point_on_the_last_tool_only()
    {
        var first = AIFunctionFactory.Create((string city) => "sunny", "weather", PromptTexts.Long);
        var last = AIFunctionFactory.Create((int a, int b) => a + b, "add", "Adds two numbers.");

        await Client().GetResponseAsync([new(ChatRole.User, "hi")], new ChatOptions { Tools = [first, last] });

        var tools = Assert.Single(_fake.Requests)["tools"]!.AsArray();
        Assert.Equal(["weather", "add"], tools.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Null(tools[0]!["cache_control"]);
        Assert.Equal(Ephemeral, tools[1]!["cache_control"]!.ToJsonString());
        Assert.False(last.AdditionalProperties.ContainsKey(AnthropicPromptCache.ToolCacheControlKey));
    }

    [Fact]
    public async Task Long_tools_and_a_short_system_prompt_mark_both_since_the_prefix_through_the_system_is_long()
    {
        var tool = AIFunctionFactory.CreateDeclaration("lookup", PromptTexts.Long, AIFunctionFactory.Create((string id) => id).JsonSchema);

        await Client().GetResponseAsync([new(ChatRole.System, PromptTexts.Short), new(ChatRole.User, "hi")], new ChatOptions { Tools = [tool] });

        var sent = Assert.Single(_fake.Requests);
        Assert.Equal(Ephemeral, Assert.Single(sent["tools"]!.AsArray())!["cache_control"]!.ToJsonString());
        Assert.Equal(Ephemeral, Assert.Single(sent["system"]!.AsArray())!["cache_control"]!.ToJsonString());
    }

    [Fact]
    public async Task Short_tools_are_not_marked()
    {
        var tool = AIFunctionFactory.Create((int a, int b) => a + b, "add", "Adds two numbers.");

        await Client().GetResponseAsync([new(ChatRole.User, "hi")], new ChatOptions { Tools = [tool] });

        Assert.DoesNotContain("cache_control", Assert.Single(_fake.Requests).ToJsonString());
    }

    [Fact]
    public async Task Haiku_needs_2048_tokens_by_default_and_0_turns_marking_off()
    {
        await Client("claude-3-5-haiku-latest").GetResponseAsync([new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")]);
        Assert.Null(SentSystem()[0]!["cache_control"]);

        _fake.Requests.Clear();
        await Client("claude-3-5-haiku-latest", minTokens: 1000).GetResponseAsync([new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")]);
        Assert.NotNull(SentSystem()[0]!["cache_control"]);

        _fake.Requests.Clear();
        await Client(minTokens: 0).GetResponseAsync([new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")]);
        Assert.Null(SentSystem()[0]!["cache_control"]);
    }

    [Fact]
    public async Task Cache_read_and_write_tokens_reach_the_response_usage()
    {
        _fake.CacheUsage = (Read: 300, Write: 1500);

        var response = await Client().GetResponseAsync([new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")]);

        Assert.Equal(300, response.Usage?.CachedInputTokenCount);
        Assert.Equal(300, PromptCacheUsage.ReadTokens(response.Usage));
        Assert.Equal(1500, PromptCacheUsage.WriteTokens(response.Usage));
        Assert.Equal(AnthropicFakeEvents.OutputTokens, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Cache_read_and_write_tokens_reach_the_streamed_usage()
    {
        _fake.CacheUsage = (Read: 1400, Write: 0);

        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync([new(ChatRole.System, PromptTexts.Long), new(ChatRole.User, "hi")]));

        Assert.Null(error);
        var usage = ChatStream.UsageOf(updates);
        Assert.Equal(1400, PromptCacheUsage.ReadTokens(usage));
        Assert.Equal(0, PromptCacheUsage.WriteTokens(usage));
    }

    [Fact]
    public async Task Without_cache_figures_the_usage_reports_none()
    {
        var response = await Client().GetResponseAsync("hi");

        Assert.Equal(0, PromptCacheUsage.ReadTokens(response.Usage));
        Assert.Equal(0, PromptCacheUsage.WriteTokens(response.Usage));
    }
}
