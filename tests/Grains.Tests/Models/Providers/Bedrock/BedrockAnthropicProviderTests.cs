using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Bedrock;
using Grains.Tests.Fakes;
using Grains.Tests.Models.Providers.Anthropic;
using Grains.Tests.Models.Providers.Credentials;
using Microsoft.Extensions.AI;
using TestSupport;

namespace Grains.Tests.Models.Providers.Bedrock;

public sealed class BedrockAnthropicProviderTests : IAsyncLifetime
{
    private const string Model = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private readonly ManualTimeProvider _clock = new();
    private readonly CountingAwsCredentialResolver _credentials =
        new(BedrockFakeServer.AccessKey, BedrockFakeServer.SecretKey, BedrockFakeServer.SessionToken);
    private BedrockFakeServer _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await BedrockFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    private IChatClient Client() => new BedrockAnthropicProvider(_clock, _credentials).CreateClient("haiku", new ModelOptions
    {
        Provider = "bedrock-anthropic",
        Model = Model,
        Endpoint = _fake.Url,
        Region = BedrockFakeServer.Region,
        DefaultMaxTokens = 77,
    });

    [Fact]
    public async Task Answer_returns_text_and_usage_from_a_signed_invoke_request()
    {
        var response = await Client().GetResponseAsync("Say hello");

        Assert.Equal(AnthropicFakeEvents.Text, response.Text);
        Assert.Equal(AnthropicFakeEvents.InputTokens, response.Usage?.InputTokenCount);
        Assert.Equal(AnthropicFakeEvents.OutputTokens, response.Usage?.OutputTokenCount);
        var sent = Assert.Single(_fake.Requests);
        Assert.Equal(("invoke", Model), (sent.Operation, sent.ModelId));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={BedrockFakeServer.AccessKey}/", sent.Authorization);
        Assert.Contains($"/{BedrockFakeServer.Region}/bedrock/aws4_request", sent.Authorization);
        Assert.Equal(BedrockFakeServer.SessionToken, sent.SecurityToken);
        Assert.Equal("bedrock-2023-05-31", sent.Body["anthropic_version"]!.GetValue<string>());
        Assert.Equal(77, sent.Body["max_tokens"]!.GetValue<int>());
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
        Assert.Equal("invoke-with-response-stream", Assert.Single(_fake.Requests).Operation);
    }

    [Fact]
    public async Task Throttling_exception_is_throttled_with_the_retry_after_hint()
    {
        _fake.Behavior = BedrockFakeBehavior.Throttle;
        _fake.RetryAfterSeconds = 2;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task Service_unavailable_is_transient()
    {
        _fake.Behavior = BedrockFakeBehavior.ServiceUnavailable;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(503, error.StatusCode);
    }

    [Fact]
    public async Task Validation_exception_is_permanent()
    {
        _fake.Behavior = BedrockFakeBehavior.BadRequest;

        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("hi"));

        Assert.Empty(updates);
        var failure = Assert.IsType<ModelCallException>(error);
        Assert.Equal(ModelErrorKind.Permanent, failure.Kind);
        Assert.Equal(400, failure.StatusCode);
    }

    [Fact]
    public async Task Stream_cut_midway_yields_what_arrived_then_fails_transient()
    {
        _fake.Behavior = BedrockFakeBehavior.CutStream;

        var (updates, error) = await ChatStream.CollectAsync(
            Client().GetStreamingResponseAsync("hi"),
            received => { if (ChatStream.TextOf(received) == "Hello from") _fake.CutNow(); });

        Assert.Equal("Hello from", ChatStream.TextOf(updates));
        Assert.Equal(ModelErrorKind.Transient, Assert.IsType<ModelCallException>(error).Kind);
    }

    [Fact]
    public async Task Exception_frame_in_a_stream_keeps_the_updates_and_is_classified()
    {
        _fake.Behavior = BedrockFakeBehavior.StreamException;

        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("hi"));

        Assert.Equal("Hello from", ChatStream.TextOf(updates));
        Assert.Equal(ModelErrorKind.Throttled, Assert.IsType<ModelCallException>(error).Kind);
    }

    [Fact]
    public async Task Credentials_are_resolved_once_per_ttl_not_per_call()
    {
        var client = Client();

        for (var i = 0; i < 4; i++)
        {
            await client.GetResponseAsync("hi");
        }
        Assert.Equal(1, _credentials.Calls);

        _clock.Advance(new ModelOptions().CredentialTtl + TimeSpan.FromSeconds(1));
        await client.GetResponseAsync("hi");

        Assert.Equal(2, _credentials.Calls);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        var client = Client();
        await _fake.DisposeAsync();

        var (_, error) = await ChatStream.CollectAsync(client.GetStreamingResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Transient, Assert.IsType<ModelCallException>(error).Kind);
    }
}
