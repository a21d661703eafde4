using Grains.Interfaces.Jobs;
using static Grains.Tests.Jobs.JobConfig;

namespace Grains.Tests.Jobs;

/// <summary>
/// Fan-out, sequential mode and the concurrency cap, timed on the manual clock: simulated models answer after their
/// time to first token on the test's clock, and the job measures its makespan on the same clock.
/// </summary>
public sealed class JobFanOutTests
{
    private static readonly TimeSpan S1 = TimeSpan.FromSeconds(1);
    private readonly TestClock _clock = new();

    private static JobConfig ThreeTools() => new JobConfig()
        .Simulated("one-second", 1000).Simulated("two-seconds", 2000).Simulated("three-seconds", 3000)
        .Tool("a", "one-second").Tool("b", "two-seconds").Tool("c", "three-seconds");

    [Fact]
    public async Task Parallel_calls_run_at_once_so_the_makespan_is_the_slowest_call_not_the_sum()
    {
        await using var silo = await JobSilo.StartAsync(ThreeTools().Settings, _clock);
        var job = silo.Job("fan-out");
        var started = await job.Start(Parallel(Call("a"), Call("b"), Call("c")));
        await using var events = JobEventLog.Follow(job);
        Assert.Equal(JobStatus.Running, started.Status);

        // All three model calls are waiting on the clock before it moves at all.
        await _clock.WaitForTimersAsync(1 * S1);
        await _clock.WaitForTimersAsync(2 * S1);
        await _clock.WaitForTimersAsync(3 * S1);
        Assert.All((await job.Get())!.Tools, t => Assert.Equal(ToolStatus.Running, t.Status));

        _clock.AdvanceTo(1 * S1);
        await events.ToolFinishedAsync(0);
        _clock.AdvanceTo(2 * S1);
        await events.ToolFinishedAsync(1);
        _clock.AdvanceTo(3 * S1);
        var all = await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Completed, view.Status);
        Assert.Equal(3000, view.MakespanMs);
        Assert.Equal([1000.0, 2000.0, 3000.0], view.Tools.Select(t => t.DurationMs!.Value));
        Assert.All(view.Tools, t => Assert.Equal(ToolStatus.Succeeded, t.Status));
        Assert.All(view.Tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Output)));
        Assert.Equal(["one-second", "two-seconds", "three-seconds"], view.Tools.Select(t => t.Model));
        var finished = Assert.Single(all, e => e.Type == JobEventType.JobFinished);
        Assert.Equal(JobStatus.Completed, finished.JobStatus);
        Assert.Equal(3000, finished.DurationMs);
        // Every tool started before the first one finished.
        var firstFinish = all.First(e => e.Type == JobEventType.ToolFinished).Sequence;
        Assert.Equal(3, all.Count(e => e.Type == JobEventType.ToolStarted && e.Sequence < firstFinish));
    }

    [Fact]
    public async Task Sequential_mode_runs_one_call_after_another_so_the_makespan_is_the_sum()
    {
        await using var silo = await JobSilo.StartAsync(ThreeTools().Settings, _clock);
        var job = silo.Job("one-by-one");
        await job.Start(Sequential(Call("a"), Call("b"), Call("c")));
        await using var events = JobEventLog.Follow(job);

        await _clock.WaitForTimersAsync(1 * S1);
        Assert.Equal([ToolStatus.Running, ToolStatus.Pending, ToolStatus.Pending], (await job.Get())!.Tools.Select(t => t.Status));
        _clock.AdvanceTo(1 * S1);

        // b starts only when a has finished: its answer is due 2 s after that.
        await _clock.WaitForTimersAsync(3 * S1);
        Assert.Equal([ToolStatus.Succeeded, ToolStatus.Running, ToolStatus.Pending], (await job.Get())!.Tools.Select(t => t.Status));
        _clock.AdvanceTo(3 * S1);

        await _clock.WaitForTimersAsync(6 * S1);
        Assert.Equal([ToolStatus.Succeeded, ToolStatus.Succeeded, ToolStatus.Running], (await job.Get())!.Tools.Select(t => t.Status));
        _clock.AdvanceTo(6 * S1);
        var all = await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Completed, view.Status);
        Assert.Equal(JobMode.Sequential, view.Mode);
        Assert.Equal(6000, view.MakespanMs);
        Assert.Equal([1000.0, 2000.0, 3000.0], view.Tools.Select(t => t.DurationMs!.Value));
        // Started, finished, started, finished...: never two at once.
        var lifecycle = all.Where(e => e.Type is JobEventType.ToolStarted or JobEventType.ToolFinished).Select(e => (e.Type, e.ToolIndex)).ToList();
        Assert.Equal(
            [(JobEventType.ToolStarted, 0), (JobEventType.ToolFinished, 0), (JobEventType.ToolStarted, 1), (JobEventType.ToolFinished, 1),
             (JobEventType.ToolStarted, 2), (JobEventType.ToolFinished, 2)],
            lifecycle.Select(x => (x.Type, x.ToolIndex!.Value)));
    }

    [Fact]
    public async Task MaxConcurrency_caps_the_calls_in_flight_so_six_calls_with_a_cap_of_two_run_in_three_waves()
    {
        var config = new JobConfig().Simulated("one-second", 1000).Tool("a", "one-second");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        var job = silo.Job("capped");
        await job.Start(new JobSpec([.. Enumerable.Range(0, 6).Select(i => Call("a", $"question {i}"))], JobMode.Parallel, MaxConcurrency: 2));
        await using var events = JobEventLog.Follow(job);

        for (var wave = 1; wave <= 3; wave++)
        {
            await _clock.WaitForTimersAsync(wave * S1, count: 2);
            var tools = (await job.Get())!.Tools;
            Assert.Equal(2 * (wave - 1), tools.Count(t => t.Status == ToolStatus.Succeeded));
            Assert.Equal(2, tools.Count(t => t.Status == ToolStatus.Running));
            Assert.Equal(6 - 2 * wave, tools.Count(t => t.Status == ToolStatus.Pending));
            Assert.Equal(2, _clock.ArmedAt(wave * S1));
            _clock.AdvanceTo(wave * S1);
        }
        var all = await events.UntilEndAsync();

        var view = (await job.Get())!;
        Assert.Equal(JobStatus.Completed, view.Status);
        Assert.Equal(2, view.MaxConcurrency);
        Assert.Equal(3000, view.MakespanMs);
        Assert.All(view.Tools, t => Assert.Equal(1000, t.DurationMs));
        // Never more than two started and not yet finished, at any point of the event stream.
        var inFlight = 0;
        var most = 0;
        foreach (var item in all)
        {
            inFlight += item.Type switch { JobEventType.ToolStarted => 1, JobEventType.ToolFinished => -1, _ => 0 };
            most = Math.Max(most, inFlight);
        }
        Assert.Equal(2, most);
    }
}
