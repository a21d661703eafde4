using System.Net;
using System.Net.Sockets;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.OpenAI;
using Grains.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.OpenAI;

public sealed class OpenAiChatClientErrorTests : IAsyncLifetime
{
    private OpenAiFakeServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await OpenAiFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Throttled_with_retry_after_and_no_hidden_sdk_retries()
    {
        _server.Enqueue(OpenAiFakeBehavior.Throttle(retryAfterSeconds: 2));
        var client = OpenAiTestClients.Create(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("rate_limit_exceeded", error.Message);
        // The retry layer decides whether to wait or fall back; the SDK must not have retried on its own.
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Server_error_is_transient()
    {
        _server.Enqueue(OpenAiFakeBehavior.ServerError());
        var client = OpenAiTestClients.Create(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(500, error.StatusCode);
        Assert.Null(error.RetryAfter);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Bad_request_is_permanent()
    {
        _server.Enqueue(OpenAiFakeBehavior.BadRequest());
        var client = OpenAiTestClients.Create(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("invalid_request_error", error.Message);
    }

    [Fact]
    public async Task Error_body_echoing_the_key_does_not_reach_the_exception()
    {
        _server.Enqueue(OpenAiFakeBehavior.BadRequest($"Incorrect API key provided: {OpenAiTestClients.ApiKey}."));
        var client = OpenAiTestClients.Create(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.DoesNotContain(OpenAiTestClients.ApiKey, error.ToString());
    }

    [Fact]
    public async Task Streaming_throttle_before_the_first_token_fails_on_enumeration()
    {
        _server.Enqueue(OpenAiFakeBehavior.Throttle(retryAfterSeconds: 2));
        var client = OpenAiTestClients.Create(_server);
        var received = 0;

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken))
            {
                received++;
            }
        });

        Assert.Equal(ModelErrorKind.Throttled, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task Streaming_server_error_is_transient()
    {
        _server.Enqueue(OpenAiFakeBehavior.ServerError());
        var client = OpenAiTestClients.Create(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
            await client.GetStreamingResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken)
                .ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(500, error.StatusCode);
    }

    [Fact]
    public async Task Unreachable_endpoint_is_transient()
    {
        // Bound but not listening: connections are refused, and no other test can take the port meanwhile.
        using var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)reserved.LocalEndPoint!).Port}/v1";
        var client = new OpenAiModelProvider().CreateClient("gpt-4o-mini", new ModelOptions { Provider = "openai", Endpoint = endpoint });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Tool_messages_are_refused_as_permanent_before_any_request()
    {
        var client = OpenAiTestClients.Create(_server);
        var messages = new List<ChatMessage> { new(ChatRole.User, "Hi"), new(ChatRole.Tool, "42") };

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(messages, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
        Assert.Empty(_server.Requests);
    }
}
