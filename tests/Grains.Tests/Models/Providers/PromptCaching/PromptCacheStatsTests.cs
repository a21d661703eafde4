using Grains.Interfaces.Models;
using Grains.Models;
using Grains.Tests.Fakes;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.PromptCaching;

/// <summary>Cache figures from the provider's usage travel through the gateway into the summary and the model grain's stats.</summary>
public sealed class PromptCacheStatsTests : IAsyncLifetime
{
    private AnthropicFakeServer _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await AnthropicFakeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    private Dictionary<string, string?> Claude() => new()
    {
        ["Retry:BaseDelay"] = "00:00:00",
        ["Models:claude:Provider"] = "anthropic",
        ["Models:claude:Model"] = "claude-sonnet-4-5",
        ["Models:claude:Endpoint"] = _fake.Url,
        ["Models:claude:ApiKey"] = AnthropicFakeServer.ApiKey,
    };

    private static ModelCallRequest Ask(string system) => new()
    {
        Model = "claude",
        Messages = [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, "hi")],
        MaxTokens = 50,
    };

    [Fact]
    public async Task Cache_writes_then_reads_reach_the_call_summary_and_add_up_in_the_model_stats()
    {
        await using var silo = await ModelSilo.StartAsync(Claude());

        _fake.CacheUsage = (Read: 0, Write: 1450);
        var first = await silo.Gateway.CompleteAsync(Ask(PromptTexts.Long));
        _fake.CacheUsage = (Read: 1450, Write: 0);
        var second = await silo.Gateway.CompleteAsync(Ask(PromptTexts.Long));
        _fake.CacheUsage = (Read: 1450, Write: 20);
        var third = await silo.Gateway.CompleteAsync(Ask(PromptTexts.Long));

        Assert.Equal(AnthropicFakeEvents.Text, first.Text);
        Assert.Equal((0, 1450), (first.Summary.CacheReadTokens, first.Summary.CacheWriteTokens));
        Assert.Equal((1450, 0), (second.Summary.CacheReadTokens, second.Summary.CacheWriteTokens));
        Assert.Equal((1450, 20), (third.Summary.CacheReadTokens, third.Summary.CacheWriteTokens));
        var stats = (await silo.StatusAsync("claude")).Stats;
        Assert.Equal(3, stats.Calls);
        Assert.Equal(2900, stats.CacheReadTokens);
        Assert.Equal(1470, stats.CacheWriteTokens);
        Assert.All(_fake.Requests, r => Assert.Equal("""{"type":"ephemeral"}""", r["system"]![0]!["cache_control"]!.ToJsonString()));
    }

    [Fact]
    public async Task Calls_without_cache_figures_leave_the_totals_at_zero()
    {
        await using var silo = await ModelSilo.StartAsync(Claude());

        var result = await silo.Gateway.CompleteAsync(Ask(PromptTexts.Short));

        Assert.Equal((0, 0), (result.Summary.CacheReadTokens, result.Summary.CacheWriteTokens));
        var stats = (await silo.StatusAsync("claude")).Stats;
        Assert.Equal((1L, 0L, 0L), (stats.Calls, stats.CacheReadTokens, stats.CacheWriteTokens));
        Assert.DoesNotContain("cache_control", Assert.Single(_fake.Requests).ToJsonString());
    }

    [Fact]
    public async Task The_model_grain_sums_reported_cache_tokens_of_completed_leases_only()
    {
        var configuration = new Dictionary<string, string?> { ["Models:m:Provider"] = "simulated" };
        await using var silo = await ModelSilo.StartAsync(configuration);
        var model = silo.Grains.GetGrain<IModelGrain>("m");

        var lease = await model.Admit(new AdmissionRequest("t", 100));
        await model.Complete(new CompletionReport(lease.LeaseId, CallOutcome.Success, 60, 5, 1, CacheReadTokens: 30, CacheWriteTokens: 12));
        // A report for a lease the grain does not hold (already completed) changes nothing.
        await model.Complete(new CompletionReport(lease.LeaseId, CallOutcome.Success, 60, 5, 1, CacheReadTokens: 999, CacheWriteTokens: 999));
        var other = await model.Admit(new AdmissionRequest("t", 100));
        await model.Complete(new CompletionReport(other.LeaseId, CallOutcome.Success, 60, 5, 1));

        var stats = (await model.GetStatus()).Stats;
        Assert.Equal((2L, 30L, 12L), (stats.Calls, stats.CacheReadTokens, stats.CacheWriteTokens));
    }
}
