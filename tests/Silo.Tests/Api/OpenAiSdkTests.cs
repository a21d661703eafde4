using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Api;

/// <summary>The official OpenAI .NET SDK, pointed at the silo, works unchanged.</summary>
public sealed class OpenAiSdkTests(SiloAppFixture silo) : IClassFixture<SiloAppFixture>
{
    private OpenAIClient Client() => new(new ApiKeyCredential("unused-without-keys"), new OpenAIClientOptions
    {
        Endpoint = new Uri(silo.App.Server.BaseAddress, "/v1"),
        Transport = new HttpClientPipelineTransport(silo.CreateClient()),
    });

    [Fact(Timeout = 30_000)]
    public async Task CompleteChatAsync_returns_the_text_model_usage_and_stop()
    {
        var ct = TestContext.Current.CancellationToken;
        var chat = Client().GetChatClient("sim-small");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage($"Say something short. {Guid.NewGuid():N}")], cancellationToken: ct);

        var text = Assert.Single(completion.Content).Text;
        Assert.Equal(5, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("sim-small", completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact(Timeout = 30_000)]
    public async Task CompleteChatStreamingAsync_streams_the_text_then_stop_and_usage()
    {
        var ct = TestContext.Current.CancellationToken;
        var chat = Client().GetChatClient("sim-small");

        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage($"Say something short. {Guid.NewGuid():N}")], cancellationToken: ct))
        {
            updates.Add(update);
        }

        var tokens = updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text).ToList();
        Assert.Equal(5, tokens.Count);
        Assert.All(tokens, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(ChatMessageRole.Assistant, updates[0].Role);
        Assert.All(updates, u => Assert.Equal("sim-small", u.Model));
        Assert.Single(updates.Select(u => u.CompletionId).Distinct());
        Assert.Equal(ChatFinishReason.Stop, Assert.Single(updates, u => u.FinishReason is not null).FinishReason);
        var usage = Assert.Single(updates, u => u.Usage is not null).Usage;
        Assert.Equal(5, usage.OutputTokenCount);
        Assert.True(usage.InputTokenCount > 0);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact(Timeout = 30_000)]
    public async Task Streaming_and_non_streaming_answers_to_the_same_prompt_are_the_same_text()
    {
        var ct = TestContext.Current.CancellationToken;
        var chat = Client().GetChatClient("sim-large");
        ChatMessage[] prompt = [new SystemChatMessage("Be brief."), new UserChatMessage("Name a colour.")];

        ChatCompletion whole = await chat.CompleteChatAsync(prompt, cancellationToken: ct);
        var streamed = new System.Text.StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync(prompt, cancellationToken: ct))
        {
            streamed.AppendJoin("", update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Equal("sim-large", whole.Model);
        Assert.False(string.IsNullOrWhiteSpace(whole.Content[0].Text));
        Assert.Equal(whole.Content[0].Text, streamed.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_model_client_lists_the_configured_models_and_auto()
    {
        var ct = TestContext.Current.CancellationToken;

        var models = (await Client().GetOpenAIModelClient().GetModelsAsync(ct)).Value;

        Assert.Equal(["auto", "sim-large", "sim-small"], models.Select(m => m.Id).Order());
        Assert.Equal("router", models.Single(m => m.Id == "auto").OwnedBy);
        Assert.Equal("simulated", models.Single(m => m.Id == "sim-small").OwnedBy);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_model_surfaces_in_the_sdk_as_a_404_with_the_servers_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var chat = Client().GetChatClient("no-such-model");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: ct));

        Assert.Equal(404, error.Status);
        Assert.Contains("no-such-model", error.Message);
    }
}
