using Grains.Interfaces.Jobs;
using Grains.Models.Providers;
using Grains.Tests.Infrastructure;
using Grains.Tests.Jobs;
using Grains.Tools;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Tools;

/// <summary>One tool call on a tool grain: prompt rendering, the model gateway, progress every 8 tokens, code tools, timeouts.</summary>
public sealed class ToolGrainTests
{
    private readonly TestClock _clock = new();

    private static ToolRun Run(string tool, params (string Key, string Value)[] input) =>
        new(tool, input.ToDictionary(i => i.Key, i => i.Value), "acme");

    [Fact]
    public async Task An_llm_tool_renders_its_prompt_calls_its_model_and_reports_progress_every_8_tokens_then_its_output()
    {
        var config = new JobConfig().Scripted("writer").Tool("notes", "writer", prompt: "Write notes on {{slide}} for {{audience}}.", system: "You teach.");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        var tokens = Enumerable.Range(1, 19).Select(i => $"t{i} ").ToArray();
        silo.Scripted.For("writer").Then(ScriptedStep.Answer(tokens));

        var progress = await silo.Grains.GetGrain<IToolGrain>("acme/job/0").Run(Run("notes", ("slide", "VPCs"), ("audience", "beginners"))).ToListAsync();

        Assert.Equal([new ToolProgress(8, "writer", null, false), new ToolProgress(16, "writer", null, false)], progress.Take(2));
        Assert.Equal(new ToolProgress(19, "writer", string.Concat(tokens), true), progress[^1]);
        Assert.Equal(3, progress.Count);
        var sent = Assert.Single(silo.Scripted.For("writer").Calls);
        Assert.Equal([ChatRole.System, ChatRole.User], sent.Select(m => m.Role));
        Assert.Equal("You teach.", sent[0].Text);
        Assert.Equal("Write notes on VPCs for beginners.", sent[1].Text);
    }

    [Fact]
    public async Task A_code_tool_runs_directly_without_a_model()
    {
        var config = new JobConfig();
        config.Settings["Tools:check:Code"] = "template-validator";
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);

        var progress = await silo.Grains.GetGrain<IToolGrain>("acme/job/1").Run(Run("check", ("template", "Resources:\n  B: x\n"))).ToListAsync();

        Assert.Equal([new ToolProgress(0, null, "valid: the template is well-formed and declares Resources.", true)], progress);
    }

    [Fact]
    public async Task An_unknown_tool_or_a_missing_input_field_is_an_argument_error()
    {
        var config = new JobConfig().Scripted("writer").Tool("notes", "writer", prompt: "{{slide}}");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        var grain = silo.Grains.GetGrain<IToolGrain>("acme/job/2");

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => grain.Run(Run("nope")).ToListAsync().AsTask());
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => grain.Run(Run("notes", ("other", "x"))).ToListAsync().AsTask());

        Assert.Equal("There is no tool 'nope'.", unknown.Message);
        Assert.Equal("Tool 'notes' needs input 'slide'.", missing.Message);
        Assert.Empty(silo.Scripted.For("writer").Calls);
    }

    [Fact]
    public async Task A_model_error_reaches_the_caller_with_its_message()
    {
        var config = new JobConfig().Scripted("writer").Tool("notes", "writer");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        silo.Scripted.For("writer").Then(ScriptedStep.Fail(ModelErrorKind.Permanent));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => silo.Grains.GetGrain<IToolGrain>("acme/job/3").Run(Run("notes", ("question", "q"))).ToListAsync().AsTask());

        Assert.Contains("scripted Permanent from writer", error.Message);
    }

    [Fact]
    public async Task A_call_past_the_tools_timeout_throws_a_ToolTimeoutException()
    {
        var config = new JobConfig().Simulated("slow-model", 10_000).Tool("slow", "slow-model", timeout: TimeSpan.FromSeconds(3));
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);

        var call = silo.Grains.GetGrain<IToolGrain>("acme/job/4").Run(Run("slow", ("question", "q"))).ToListAsync().AsTask();
        await _clock.WaitForTimersAsync(TimeSpan.FromSeconds(10));
        await _clock.WaitForTimersAsync(TimeSpan.FromSeconds(3));
        _clock.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<ToolTimeoutException>(() => call.WaitAsync(JobEventLog.Timeout));
        Assert.Equal("Tool 'slow' did not finish within 3 s.", error.Message);
        await _clock.WaitForNoTimersAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_the_caller_cancels_the_model_call()
    {
        var config = new JobConfig().Simulated("slow-model", 10_000).Tool("slow", "slow-model");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        using var cancellation = new CancellationTokenSource();

        var call = silo.Grains.GetGrain<IToolGrain>("acme/job/5").Run(Run("slow", ("question", "q")), cancellation.Token).ToListAsync().AsTask();
        await _clock.WaitForTimersAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(JobEventLog.Timeout));
        // The grain's model call is abandoned too: nothing waits on the clock for its answer any more.
        await _clock.WaitForNoTimersAsync(TimeSpan.FromSeconds(10));
    }
}
