using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Simulated;
using Microsoft.Extensions.AI;
using TestSupport;

namespace Grains.Tests.Models.Providers.Simulated;

public sealed class SimulatedChatClientTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "hello there")];

    [Fact]
    public async Task It_streams_the_configured_number_of_tokens_and_reports_usage()
    {
        var client = Create(new ModelOptions { TtftMs = 0, TokensPerSecond = 0, OutputTokens = 5 });

        var updates = await client.GetStreamingResponseAsync(Prompt).ToListAsync();

        Assert.Equal(5, updates.Count(u => !string.IsNullOrEmpty(u.Text)));
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        Assert.Equal(5, usage.OutputTokenCount);
        Assert.Equal(TokenEstimator.Estimate(Prompt), usage.InputTokenCount);
    }

    [Fact]
    public async Task The_first_token_waits_for_the_time_to_first_token_on_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        var client = Create(new ModelOptions { TtftMs = 800, TokensPerSecond = 0, OutputTokens = 3 }, time);
        await using var stream = client.GetStreamingResponseAsync(Prompt).GetAsyncEnumerator();

        var first = stream.MoveNextAsync().AsTask();
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(799));
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(string.IsNullOrEmpty(stream.Current.Text));
    }

    [Fact]
    public async Task Calls_over_the_provider_quota_are_throttled_with_a_retry_after()
    {
        var time = new ManualTimeProvider();
        var client = Create(new ModelOptions { TtftMs = 0, TokensPerSecond = 0, OutputTokens = 1, QuotaRequestsPerMinute = 2 }, time);
        await client.GetResponseAsync(Prompt);
        time.Advance(TimeSpan.FromSeconds(10));
        await client.GetResponseAsync(Prompt);

        var throttled = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(Prompt));

        Assert.Equal(ModelErrorKind.Throttled, throttled.Kind);
        Assert.Equal(TimeSpan.FromSeconds(50), throttled.RetryAfter);
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.NotEmpty((await client.GetResponseAsync(Prompt)).Text);
    }

    [Fact]
    public async Task A_failure_rate_of_one_fails_every_call_before_its_first_token()
    {
        var client = Create(new ModelOptions { TtftMs = 0, TokensPerSecond = 0, FailureRate = 1 });

        var error = await Assert.ThrowsAsync<ModelCallException>(async () => await client.GetStreamingResponseAsync(Prompt).ToListAsync());

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task A_mid_stream_failure_comes_after_some_tokens()
    {
        var client = Create(new ModelOptions { TtftMs = 0, TokensPerSecond = 0, OutputTokens = 10, MidStreamFailureRate = 1 });
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Prompt))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(5, received.Count);
    }

    [Fact]
    public async Task The_same_seed_and_prompt_give_the_same_answer()
    {
        var options = new ModelOptions { TtftMs = 0, TokensPerSecond = 0, OutputTokens = 8, Seed = 7 };

        var first = await Create(options).GetResponseAsync(Prompt);
        var second = await Create(options).GetResponseAsync(Prompt);

        Assert.Equal(first.Text, second.Text);
    }

    private static IChatClient Create(ModelOptions options, TimeProvider? time = null) =>
        new SimulatedModelProvider(time ?? TimeProvider.System).CreateClient("sim-test", options);
}
