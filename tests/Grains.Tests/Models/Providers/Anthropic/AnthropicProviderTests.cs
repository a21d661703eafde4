using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Anthropic;
using Grains.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.Anthropic;

public sealed class AnthropicProviderTests : IAsyncLifetime
{
    private const string Model = "claude-sonnet-fake";
    private AnthropicFakeServer _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await AnthropicFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    private IChatClient Client() => new AnthropicProvider().CreateClient("claude", new ModelOptions
    {
        Provider = "anthropic",
        Model = Model,
        Endpoint = _fake.Url,
        ApiKey = AnthropicFakeServer.ApiKey,
        DefaultMaxTokens = 321,
    });

    [Fact]
    public async Task Answer_returns_text_and_usage_and_sends_the_model_and_max_tokens()
    {
        var response = await Client().GetResponseAsync("Say hello");

        Assert.Equal(AnthropicFakeEvents.Text, response.Text);
        Assert.Equal(AnthropicFakeEvents.InputTokens, response.Usage?.InputTokenCount);
        Assert.Equal(AnthropicFakeEvents.OutputTokens, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var sent = Assert.Single(_fake.Requests);
        Assert.Equal(Model, sent["model"]!.GetValue<string>());
        Assert.Equal(321, sent["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stream_yields_text_in_order_then_usage()
    {
        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("Say hello"));

        Assert.Null(error);
        Assert.Equal(AnthropicFakeEvents.Chunks, updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        var usage = ChatStream.UsageOf(updates);
        Assert.Equal(AnthropicFakeEvents.InputTokens, usage?.InputTokenCount);
        Assert.Equal(AnthropicFakeEvents.OutputTokens, usage?.OutputTokenCount);
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
    }

    [Fact]
    public async Task Rate_limit_is_throttled_with_the_retry_after_hint()
    {
        _fake.Behavior = AnthropicFakeBehavior.Throttle;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(AnthropicFakeServer.RetryAfterSeconds), error.RetryAfter);
        Assert.Equal(429, error.StatusCode);
    }

    [Fact]
    public async Task Rate_limit_on_a_stream_is_throttled_before_any_update()
    {
        _fake.Behavior = AnthropicFakeBehavior.Throttle;

        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("hi"));

        Assert.Empty(updates);
        var failure = Assert.IsType<ModelCallException>(error);
        Assert.Equal(ModelErrorKind.Throttled, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(AnthropicFakeServer.RetryAfterSeconds), failure.RetryAfter);
    }

    [Fact]
    public async Task Overloaded_529_is_throttled()
    {
        _fake.Behavior = AnthropicFakeBehavior.Overloaded;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Throttled, error.Kind);
        Assert.Equal(529, error.StatusCode);
    }

    [Fact]
    public async Task Server_error_is_transient()
    {
        _fake.Behavior = AnthropicFakeBehavior.ServerError;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(500, error.StatusCode);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task Bad_request_is_permanent()
    {
        _fake.Behavior = AnthropicFakeBehavior.BadRequest;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task Stream_cut_midway_yields_what_arrived_then_fails_transient()
    {
        _fake.Behavior = AnthropicFakeBehavior.CutStream;

        var (updates, error) = await ChatStream.CollectAsync(
            Client().GetStreamingResponseAsync("hi"),
            received => { if (ChatStream.TextOf(received) == "Hello from") _fake.CutNow(); });

        Assert.Equal("Hello from", ChatStream.TextOf(updates));
        var failure = Assert.IsType<ModelCallException>(error);
        Assert.Equal(ModelErrorKind.Transient, failure.Kind);
    }

    [Fact]
    public async Task Error_event_inside_a_stream_keeps_the_updates_and_is_classified()
    {
        _fake.Behavior = AnthropicFakeBehavior.StreamErrorEvent;

        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("hi"));

        Assert.Equal("Hello from", ChatStream.TextOf(updates));
        Assert.Equal(ModelErrorKind.Throttled, Assert.IsType<ModelCallException>(error).Kind);
    }

    [Fact]
    public async Task Wrong_api_key_is_permanent_and_the_key_is_not_in_the_message()
    {
        var client = new AnthropicProvider().CreateClient("claude", new ModelOptions { Model = Model, Endpoint = _fake.Url, ApiKey = "sk-ant-wrong-secret" });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("sk-ant-wrong-secret", error.ToString());
    }

    [Fact]
    public void A_remote_endpoint_without_an_api_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new AnthropicProvider().CreateClient("claude", new ModelOptions { Endpoint = "https://api.anthropic.com" }));

        Assert.Contains("Models:claude:ApiKey", error.Message);
    }

    [Fact]
    public async Task Calls_with_per_call_options_keep_working_and_keep_mapping_errors()
    {
        var client = Client();
        var options = new ChatOptions { ConversationId = "session-1", MaxOutputTokens = 50, Temperature = 0.2f };

        Assert.Equal(AnthropicFakeEvents.Text, (await client.GetResponseAsync("one", options)).Text);
        Assert.Equal(AnthropicFakeEvents.Text, ChatStream.TextOf((await ChatStream.CollectAsync(client.GetStreamingResponseAsync("two", options))).Updates));
        _fake.Behavior = AnthropicFakeBehavior.Throttle;
        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("three", options));

        Assert.Equal(TimeSpan.FromSeconds(AnthropicFakeServer.RetryAfterSeconds), error.RetryAfter);
        Assert.Equal(50, _fake.Requests.First()["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_loopback_endpoint_needs_no_api_key_and_sends_none()
    {
        var client = new AnthropicProvider().CreateClient("claude", new ModelOptions { Model = Model, Endpoint = _fake.Url });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        var client = Client();
        await _fake.DisposeAsync();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
    }
}
