using Grains.Models.Providers;
using Grains.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.OpenAI;

public sealed class OpenAiChatClientStreamingTests : IAsyncLifetime
{
    private OpenAiFakeServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await OpenAiFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chunks_arrive_in_order_and_end_with_finish_reason_and_usage()
    {
        _server.Enqueue(OpenAiFakeBehavior.Answer(tokens: 6, promptTokens: 10));
        var client = OpenAiTestClients.Create(_server);

        var updates = await client.GetStreamingResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        var texts = updates.Select(u => u.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal(Enumerable.Range(0, 6).Select(OpenAiFakeBehavior.Token), texts);
        Assert.Equal(OpenAiFakeBehavior.AnswerText(6), string.Concat(texts));
        Assert.Equal(ChatFinishReason.Stop, Assert.Single(updates, u => u.FinishReason is not null).FinishReason);
        Assert.All(updates, u => Assert.Equal("gpt-4o-mini" + OpenAiWireFormat.ModelVersionSuffix, u.ModelId));

        // Usage comes last, in its own update, as a UsageContent.
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal(10, usage.InputTokenCount);
        Assert.Equal(6, usage.OutputTokenCount);
        Assert.Equal(16, usage.TotalTokenCount);
        Assert.Single(updates, u => u.Contents.OfType<UsageContent>().Any());
    }

    [Fact]
    public async Task Stream_request_asks_for_usage()
    {
        var client = OpenAiTestClients.Create(_server);

        await client.GetStreamingResponseAsync(OpenAiTestClients.Question(), new ChatOptions { MaxOutputTokens = 50 }, TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        var request = Assert.Single(_server.Requests);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(50, request.OutputCap);
        Assert.Equal([new("system", "You are terse."), new("user", "What is the capital of France?")], request.Messages);
    }

    [Fact]
    public async Task Stream_cut_midway_yields_the_chunks_before_the_cut_then_fails_as_transient()
    {
        _server.Enqueue(OpenAiFakeBehavior.CutStream(chunksBeforeCut: 3));
        var client = OpenAiTestClients.Create(_server);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken))
            {
                if (update.Text.Length > 0)
                {
                    received.Add(update.Text);
                }

                if (received.Count == 3)
                {
                    _server.ReleaseCut();
                }
            }
        });

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal(Enumerable.Range(0, 3).Select(OpenAiFakeBehavior.Token), received);
    }

    [Fact]
    public async Task Stream_that_ends_cleanly_without_a_finish_reason_fails_as_transient_after_its_chunks()
    {
        _server.Enqueue(OpenAiFakeBehavior.TruncateStream(chunks: 2));

        var (error, text) = await ReadUntilFailureAsync();

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(OpenAiFakeBehavior.AnswerText(2), text);
    }

    [Fact]
    public async Task A_chunk_that_is_not_json_fails_as_transient_after_the_chunks_before_it()
    {
        _server.Enqueue(OpenAiFakeBehavior.MalformedChunk(chunks: 2));

        var (error, text) = await ReadUntilFailureAsync();

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
        Assert.Equal(OpenAiFakeBehavior.AnswerText(2), text);
    }

    [Fact]
    public async Task Caller_cancellation_mid_stream_is_cancellation_not_a_model_failure()
    {
        _server.Enqueue(OpenAiFakeBehavior.Hang(chunksBeforeHang: 1));
        var client = OpenAiTestClients.Create(_server);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var received = 0;

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(OpenAiTestClients.Question(), cancellationToken: cancel.Token))
            {
                if (update.Text.Length > 0)
                {
                    received++;
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(1, received);
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    /// <summary>Reads a stream that must fail: the failure, and the text received before it.</summary>
    private async Task<(ModelCallException Error, string Text)> ReadUntilFailureAsync()
    {
        var client = OpenAiTestClients.Create(_server);
        var received = new List<string>();
        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(OpenAiTestClients.Question(), cancellationToken: TestContext.Current.CancellationToken))
            {
                received.Add(update.Text);
            }
        });
        return (error, string.Concat(received));
    }
}
