using Grains.Interfaces.Jobs;
using Grains.Tests.Infrastructure;
using static Grains.Tests.Jobs.JobConfig;

namespace Grains.Tests.Jobs;

public sealed class JobCancellationTests
{
    private static readonly TimeSpan S5 = TimeSpan.FromSeconds(5);
    private readonly TestClock _clock = new();

    [Fact]
    public async Task Cancelling_a_running_job_cancels_its_running_and_waiting_tools_and_keeps_what_finished()
    {
        var config = new JobConfig().Scripted("instant").Simulated("slow-model", 5000).Tool("quick", "instant").Tool("slow", "slow-model");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        silo.Scripted.For("instant").Then(ScriptedStep.Answer("done"));
        var job = silo.Job("cancel-me");

        // Cap 2: quick and slow#1 start; when quick is done slow#2 takes its slot; slow#3 waits for one.
        await job.Start(new JobSpec([Call("quick"), Call("slow", "1"), Call("slow", "2"), Call("slow", "3")], JobMode.Parallel, MaxConcurrency: 2));
        await using var events = JobEventLog.Follow(job);
        await events.ToolFinishedAsync(0);
        await _clock.WaitForTimersAsync(S5, count: 2);
        Assert.Equal([ToolStatus.Succeeded, ToolStatus.Running, ToolStatus.Running, ToolStatus.Pending], (await job.Get())!.Tools.Select(t => t.Status));

        Assert.True(await job.Cancel());
        var all = await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Cancelled, view.Status);
        Assert.Equal([ToolStatus.Succeeded, ToolStatus.Cancelled, ToolStatus.Cancelled, ToolStatus.Cancelled], view.Tools.Select(t => t.Status));
        Assert.Equal("done", view.Tools[0].Output);
        Assert.Equal("cancelled", view.Tools[1].Error);
        Assert.True(view.Tools[3].Error == "cancelled before it started", $"{view.Tools[3]}; events: {JobEventLog.Describe(all)}");
        Assert.Equal(JobStatus.Cancelled, all[^1].JobStatus);
        // The model calls in flight were stopped: nothing waits on the clock for their answers any more.
        await _clock.WaitForNoTimersAsync(S5);
        // Nothing of the cancelled job ran afterwards, and a finished job cannot be cancelled again.
        Assert.DoesNotContain(all, e => e.Type == JobEventType.ToolStarted && e.ToolIndex == 3);
        Assert.False(await job.Cancel());
    }

    [Fact]
    public async Task Cancel_of_a_job_that_never_started_is_false()
    {
        await using var silo = await JobSilo.StartAsync(new JobConfig().Settings, _clock);

        Assert.False(await silo.Job("nobody").Cancel());
        Assert.Null(await silo.Job("nobody").Get());
    }
}
