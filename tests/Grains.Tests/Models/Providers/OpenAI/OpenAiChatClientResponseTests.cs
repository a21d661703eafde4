using Grains.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.OpenAI;

public sealed class OpenAiChatClientResponseTests : IAsyncLifetime
{
    private OpenAiFakeServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await OpenAiFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Answer_has_text_usage_model_and_finish_reason()
    {
        _server.Enqueue(OpenAiFakeBehavior.Answer(tokens: 4, promptTokens: 9));
        var client = OpenAiTestClients.Create(_server);

        var response = await client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(OpenAiFakeBehavior.AnswerText(4), response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal("gpt-4o-mini" + OpenAiWireFormat.ModelVersionSuffix, response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("chatcmpl-fake", response.ResponseId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(OpenAiWireFormat.Created), response.CreatedAt);
        Assert.NotNull(response.Usage);
        Assert.Equal(9, response.Usage.InputTokenCount);
        Assert.Equal(4, response.Usage.OutputTokenCount);
        Assert.Equal(13, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Request_carries_messages_options_model_and_bearer_key()
    {
        var client = OpenAiTestClients.Create(_server);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "You are terse."),
            new(ChatRole.User, "Hi"),
            new(ChatRole.Assistant, "Hello."),
            new(ChatRole.User, "Capital of France?"),
        };
        var options = new ChatOptions { MaxOutputTokens = 64, Temperature = 0.25f, TopP = 0.5f, StopSequences = ["\n\n", "END"] };

        await client.GetResponseAsync(messages, options, TestContext.Current.CancellationToken);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal(
            [new("system", "You are terse."), new("user", "Hi"), new("assistant", "Hello."), new("user", "Capital of France?")],
            request.Messages);
        Assert.Equal(64, request.OutputCap);
        Assert.Equal(0.25, request.Temperature!.Value, 3);
        Assert.Equal(0.5, request.TopP!.Value, 3);
        Assert.Equal(["\n\n", "END"], request.Stop);
        Assert.False(request.Stream);
        Assert.Equal($"Bearer {OpenAiTestClients.ApiKey}", request.Authorization);
    }

    [Fact]
    public async Task Configured_model_name_is_sent_instead_of_the_id()
    {
        var client = OpenAiTestClients.Create(_server, modelId: "small", model: "gpt-4.1-nano");

        var response = await client.GetResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("gpt-4.1-nano", Assert.Single(_server.Requests).Model);
        Assert.Equal("gpt-4.1-nano" + OpenAiWireFormat.ModelVersionSuffix, response.ModelId);
    }

    [Fact]
    public async Task Output_cap_reached_is_reported_as_length()
    {
        _server.Enqueue(OpenAiFakeBehavior.Answer(tokens: 10));
        var client = OpenAiTestClients.Create(_server);

        var response = await client.GetResponseAsync(OpenAiTestClients.Question(), new ChatOptions { MaxOutputTokens = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(OpenAiFakeBehavior.AnswerText(3), response.Text);
        Assert.Equal(3, response.Usage!.OutputTokenCount);
    }
}
