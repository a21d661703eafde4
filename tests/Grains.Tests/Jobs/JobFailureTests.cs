using Grains.Interfaces.Jobs;
using Grains.Models.Providers;
using Grains.Tests.Infrastructure;
using static Grains.Tests.Jobs.JobConfig;

namespace Grains.Tests.Jobs;

/// <summary>Timeouts, failures and how they add up to a job's status: a failing tool never takes the others down.</summary>
public sealed class JobFailureTests
{
    private static readonly TimeSpan S1 = TimeSpan.FromSeconds(1);
    private readonly TestClock _clock = new();

    [Fact]
    public async Task A_tool_past_its_timeout_is_TimedOut_while_the_others_succeed_and_the_job_is_Partial()
    {
        var config = new JobConfig()
            .Simulated("quick-model", 1000).Simulated("slow-model", 5000)
            .Tool("quick", "quick-model").Tool("slow", "slow-model", timeout: 2 * S1);
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        var job = silo.Job("timeout");
        await job.Start(Parallel(Call("slow"), Call("quick")));
        await using var events = JobEventLog.Follow(job);

        await _clock.WaitForTimersAsync(5 * S1);
        await _clock.WaitForTimersAsync(2 * S1);
        await _clock.WaitForTimersAsync(1 * S1);
        _clock.AdvanceTo(1 * S1);
        var quick = await events.ToolFinishedAsync(1);
        Assert.Equal(ToolStatus.Succeeded, quick.ToolStatus);
        Assert.Equal(ToolStatus.Running, (await job.Get())!.Tools[0].Status);

        _clock.AdvanceTo(2 * S1);
        var slow = await events.ToolFinishedAsync(0);
        Assert.Equal(ToolStatus.TimedOut, slow.ToolStatus);
        Assert.Contains("did not finish within 2 s", slow.Error);
        await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Partial, view.Status);
        Assert.Equal(ToolStatus.TimedOut, view.Tools[0].Status);
        Assert.Equal(2000, view.Tools[0].DurationMs);
        Assert.Null(view.Tools[0].Output);
        Assert.Contains("'slow'", view.Tools[0].Error);
        Assert.Equal(ToolStatus.Succeeded, view.Tools[1].Status);
        Assert.False(string.IsNullOrWhiteSpace(view.Tools[1].Output));
        // The timed-out model call was abandoned, not left waiting for its answer.
        await _clock.WaitForNoTimersAsync(5 * S1);
        Assert.Equal(2000, view.MakespanMs);
    }

    [Fact]
    public async Task When_every_tool_fails_the_job_is_Failed_and_each_tool_says_why()
    {
        var config = new JobConfig().Scripted("a").Scripted("b").Tool("first", "a").Tool("second", "b");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        silo.Scripted.For("a").Then(ScriptedStep.Fail(ModelErrorKind.Permanent));
        silo.Scripted.For("b").Then(ScriptedStep.Fail(ModelErrorKind.Permanent));
        var job = silo.Job("all-fail");

        await job.Start(Parallel(Call("first"), Call("second")));
        await using var events = JobEventLog.Follow(job);
        var all = await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Failed, view.Status);
        Assert.All(view.Tools, t => Assert.Equal(ToolStatus.Failed, t.Status));
        Assert.Contains("scripted Permanent from a", view.Tools[0].Error);
        Assert.Contains("scripted Permanent from b", view.Tools[1].Error);
        Assert.Equal(JobStatus.Failed, all[^1].JobStatus);
        Assert.Equal(2, all.Count(e => e.Type == JobEventType.ToolFinished && e.ToolStatus == ToolStatus.Failed));
    }

    [Fact]
    public async Task A_tool_that_fails_first_does_not_stop_or_fail_the_ones_still_running()
    {
        var config = new JobConfig().Scripted("broken").Simulated("slow-model", 3000)
            .Tool("failing", "broken").Tool("slow", "slow-model");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        silo.Scripted.For("broken").Then(ScriptedStep.Fail(ModelErrorKind.Permanent));
        var job = silo.Job("one-fails");

        await job.Start(Parallel(Call("slow", "one"), Call("failing"), Call("slow", "two")));
        await using var events = JobEventLog.Follow(job);

        var failed = await events.ToolFinishedAsync(1);
        Assert.Equal(ToolStatus.Failed, failed.ToolStatus);
        await _clock.WaitForTimersAsync(3 * S1, count: 2);
        var midway = (await job.Get())!;
        Assert.Equal(JobStatus.Running, midway.Status);
        Assert.Equal([ToolStatus.Running, ToolStatus.Failed, ToolStatus.Running], midway.Tools.Select(t => t.Status));

        _clock.AdvanceTo(3 * S1);
        await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Partial, view.Status);
        Assert.Equal([ToolStatus.Succeeded, ToolStatus.Failed, ToolStatus.Succeeded], view.Tools.Select(t => t.Status));
        Assert.Contains("Permanent", view.Tools[1].Error);
        Assert.Null(view.Tools[0].Error);
    }

    [Fact]
    public async Task In_sequential_mode_a_failure_does_not_stop_the_calls_after_it()
    {
        var config = new JobConfig().Scripted("broken").Scripted("fine").Tool("failing", "broken").Tool("working", "fine");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        silo.Scripted.For("broken").Then(ScriptedStep.Fail(ModelErrorKind.Permanent));
        silo.Scripted.For("fine").Then(ScriptedStep.Answer("all ", "good"));
        var job = silo.Job("sequential-failure");

        await job.Start(Sequential(Call("failing"), Call("working")));
        await using var events = JobEventLog.Follow(job);
        await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Partial, view.Status);
        Assert.Equal(ToolStatus.Failed, view.Tools[0].Status);
        Assert.Equal(ToolStatus.Succeeded, view.Tools[1].Status);
        Assert.Equal("all good", view.Tools[1].Output);
        Assert.Equal("fine", view.Tools[1].Model);
        Assert.Equal(2, view.Tools[1].Tokens);
    }

    [Fact]
    public async Task A_code_tool_that_rejects_its_input_fails_alone()
    {
        var config = new JobConfig().Scripted("fine").Tool("working", "fine");
        config.Settings["Tools:check:Code"] = "template-validator";
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        var job = silo.Job("code-failure");

        await job.Start(Parallel(Call("check", new Dictionary<string, string> { ["template"] = "  " }), Call("working")));
        await using var events = JobEventLog.Follow(job);
        await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Partial, view.Status);
        Assert.Equal(ToolStatus.Failed, view.Tools[0].Status);
        Assert.Contains("needs input 'template'", view.Tools[0].Error);
        Assert.Equal("ok", view.Tools[1].Output);
    }
}
