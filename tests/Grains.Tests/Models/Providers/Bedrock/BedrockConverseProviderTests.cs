using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Bedrock;
using Grains.Tests.Fakes;
using Grains.Tests.Models.Providers.Anthropic;
using Grains.Tests.Models.Providers.Credentials;
using Microsoft.Extensions.AI;
using TestSupport;

namespace Grains.Tests.Models.Providers.Bedrock;

public sealed class BedrockConverseProviderTests : IAsyncLifetime
{
    private const string Model = "amazon.nova-lite-v1:0";
    private readonly ManualTimeProvider _clock = new();
    private readonly CountingAwsCredentialResolver _credentials =
        new(BedrockFakeServer.AccessKey, BedrockFakeServer.SecretKey, BedrockFakeServer.SessionToken);
    private BedrockFakeServer _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await BedrockFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    private IChatClient Client() => new BedrockConverseProvider(_clock, _credentials).CreateClient("nova", new ModelOptions
    {
        Provider = "bedrock-converse",
        Model = Model,
        Endpoint = _fake.Url,
        Region = BedrockFakeServer.Region,
        DefaultMaxTokens = 123,
    });

    [Fact]
    public async Task Answer_returns_text_and_usage_from_a_signed_converse_request()
    {
        var response = await Client().GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Say hi")],
            new ChatOptions { Temperature = 0.5f, StopSequences = ["END"] });

        Assert.Equal(BedrockFakeConverse.Text, response.Text);
        Assert.Equal(BedrockFakeConverse.InputTokens, response.Usage?.InputTokenCount);
        Assert.Equal(BedrockFakeConverse.OutputTokens, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var sent = Assert.Single(_fake.Requests);
        Assert.Equal(("converse", Model), (sent.Operation, sent.ModelId));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={BedrockFakeServer.AccessKey}/", sent.Authorization);
        Assert.Contains($"/{BedrockFakeServer.Region}/bedrock/aws4_request", sent.Authorization);
        Assert.Equal(BedrockFakeServer.SessionToken, sent.SecurityToken);
        Assert.Equal("""[{"role":"user","content":[{"text":"Say hi"}]}]""", sent.Body["messages"]!.ToJsonString());
        Assert.Equal("""[{"text":"Be brief."}]""", sent.Body["system"]!.ToJsonString());
        Assert.Equal("""{"maxTokens":123,"temperature":0.5,"stopSequences":["END"]}""", sent.Body["inferenceConfig"]!.ToJsonString());
    }

    [Fact]
    public async Task Stream_yields_text_in_order_then_usage()
    {
        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("Say hi"));

        Assert.Null(error);
        Assert.Equal(BedrockFakeConverse.Chunks, updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        var usage = ChatStream.UsageOf(updates);
        Assert.Equal(BedrockFakeConverse.InputTokens, usage?.InputTokenCount);
        Assert.Equal(BedrockFakeConverse.OutputTokens, usage?.OutputTokenCount);
        Assert.Equal(BedrockFakeConverse.InputTokens + BedrockFakeConverse.OutputTokens, usage?.TotalTokenCount);
        Assert.Equal("converse-stream", Assert.Single(_fake.Requests).Operation);
    }

    [Fact]
    public async Task Throttling_exception_is_throttled_without_a_hint_when_none_is_sent()
    {
        _fake.Behavior = BedrockFakeBehavior.Throttle;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Throttled, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task Throttling_on_a_stream_carries_the_retry_after_hint()
    {
        _fake.Behavior = BedrockFakeBehavior.Throttle;
        _fake.RetryAfterSeconds = 3;

        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("hi"));

        Assert.Empty(updates);
        var failure = Assert.IsType<ModelCallException>(error);
        Assert.Equal(ModelErrorKind.Throttled, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
    }

    [Fact]
    public async Task Model_not_ready_is_transient_although_its_status_is_429()
    {
        _fake.Behavior = BedrockFakeBehavior.ModelNotReady;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(429, error.StatusCode);
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

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Client().GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("ValidationException", error.Message);
    }

    [Fact]
    public async Task Stream_cut_midway_yields_what_arrived_then_fails_transient()
    {
        _fake.Behavior = BedrockFakeBehavior.CutStream;

        var (updates, error) = await ChatStream.CollectAsync(
            Client().GetStreamingResponseAsync("hi"),
            received => { if (ChatStream.TextOf(received) == "Nova says") _fake.CutNow(); });

        Assert.Equal("Nova says", ChatStream.TextOf(updates));
        Assert.Equal(ModelErrorKind.Transient, Assert.IsType<ModelCallException>(error).Kind);
    }

    [Fact]
    public async Task Exception_frame_in_a_stream_keeps_the_updates_and_is_classified()
    {
        _fake.Behavior = BedrockFakeBehavior.StreamException;

        var (updates, error) = await ChatStream.CollectAsync(Client().GetStreamingResponseAsync("hi"));

        Assert.Equal("Nova says", ChatStream.TextOf(updates));
        Assert.Equal(ModelErrorKind.Throttled, Assert.IsType<ModelCallException>(error).Kind);
    }

    [Fact]
    public async Task A_bad_signature_is_rejected_by_the_fake_and_is_permanent()
    {
        var client = new BedrockConverseProvider(_clock, new CountingAwsCredentialResolver(BedrockFakeServer.AccessKey, "wrong-secret", BedrockFakeServer.SessionToken))
            .CreateClient("nova", new ModelOptions { Model = Model, Endpoint = _fake.Url, Region = BedrockFakeServer.Region });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.DoesNotContain("wrong-secret", error.ToString());
    }

    [Fact]
    public async Task Credentials_are_resolved_once_per_ttl_not_per_call()
    {
        var client = Client();

        for (var i = 0; i < 5; i++)
        {
            await client.GetResponseAsync("hi");
        }
        await ChatStream.CollectAsync(client.GetStreamingResponseAsync("hi"));
        Assert.Equal(1, _credentials.Calls);

        _clock.Advance(new ModelOptions().CredentialTtl + TimeSpan.FromSeconds(1));
        await client.GetResponseAsync("hi");
        await client.GetResponseAsync("hi");

        Assert.Equal(2, _credentials.Calls);
        Assert.Equal(8, _fake.Requests.Count);
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
