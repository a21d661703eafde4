using Grains.Interfaces.Jobs;
using Grains.Tests.Infrastructure;
using static Grains.Tests.Jobs.JobConfig;

namespace Grains.Tests.Jobs;

/// <summary>
/// A job's record is durable: results are stored before they are reported final, and a job outlives its grain's
/// activation (here: the silo stops and another silo takes over the same storage), finishing what was left.
/// </summary>
public sealed class JobDurabilityTests
{
    private static readonly TimeSpan S5 = TimeSpan.FromSeconds(5);
    private readonly TestClock _clock = new();

    private static bool IsFinal(ToolStatus status) => status is not (ToolStatus.Pending or ToolStatus.Running);

    [Fact]
    public async Task A_result_is_stored_before_its_tool_finished_event_and_the_job_status_before_job_finished()
    {
        var config = new JobConfig().Scripted("a").Tool("answer", "a");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        silo.Scripted.For("a").Then(ScriptedStep.Answer("forty", "-two"));
        var key = JobSilo.Key("durable-first");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Hold the write that carries the tool's result until the test lets it through.
        silo.Storage.BeforeWrite(async (jobKey, state) =>
        {
            if (jobKey == key && state.Tools.Any(t => IsFinal(t.Status)) && !held.Task.IsCompleted)
            {
                held.TrySetResult();
                await release.Task;
            }
        });
        var job = silo.Job("durable-first");
        await job.Start(Parallel(Call("answer")));

        // Each final event, as it arrives, is checked against what the storage holds at that moment.
        var checkedEvents = new List<(JobEvent Event, Grains.Jobs.JobState Stored)>();
        var subscriber = Task.Run(async () =>
        {
            await foreach (var item in job.Events(0))
            {
                if (item.Type is JobEventType.ToolFinished or JobEventType.JobFinished)
                {
                    checkedEvents.Add((item, (await silo.Storage.ReadJobAsync(key))!));
                }
            }
        });
        await held.Task.WaitAsync(JobEventLog.Timeout);
        // While the write is held the result is not reported.
        Assert.Equal(JobStatus.Running, (await silo.Storage.ReadJobAsync(key))!.Status);
        release.TrySetResult();
        await subscriber.WaitAsync(JobEventLog.Timeout);

        Assert.Equal([JobEventType.ToolFinished, JobEventType.JobFinished], checkedEvents.Select(c => c.Event.Type));
        var (toolFinished, storedThen) = checkedEvents[0];
        // When tool.finished arrived, the result and the event itself were already stored.
        Assert.Equal(ToolStatus.Succeeded, storedThen.Tools[0].Status);
        Assert.Contains(storedThen.Events, e => e.Type == JobEventType.ToolFinished && e.Sequence == toolFinished.Sequence);
        Assert.Equal("forty-two", storedThen.Tools[0].Output);
        var (jobFinished, storedAtEnd) = checkedEvents[1];
        Assert.Equal(JobStatus.Completed, storedAtEnd.Status);
        Assert.Contains(storedAtEnd.Events, e => e.Type == JobEventType.JobFinished && e.Sequence == jobFinished.Sequence);
        Assert.Equal(storedAtEnd.MakespanMs, jobFinished.DurationMs);
    }

    [Fact]
    public async Task A_finished_job_reads_back_the_same_after_its_grain_is_deactivated()
    {
        var config = new JobConfig().Scripted("a").Scripted("b").Tool("first", "a").Tool("second", "b");
        var storage = new JobStorage();
        var scripted = new ScriptedModelProvider();
        scripted.For("a").Then(ScriptedStep.Answer("alpha"));
        scripted.For("b").Then(ScriptedStep.Answer("beta"));
        JobView before;
        IReadOnlyList<JobEvent> lasting;
        await using (var silo = await JobSilo.StartAsync(config.Settings, _clock, storage, scripted))
        {
            var job = silo.Job("kept");
            await job.Start(Parallel(Call("first"), Call("second")));
            await using var events = JobEventLog.Follow(job);
            lasting = [.. (await events.UntilEndAsync()).Where(e => e.Type != JobEventType.ToolProgress)];
            before = (await job.Get())!;
            await silo.StopAsync();
        }

        await using var next = await JobSilo.StartAsync(config.Settings, _clock, storage, scripted);
        var after = (await next.Job("kept").Get())!;

        Assert.Equal(JobStatus.Completed, after.Status);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Created, after.Created);
        Assert.Equal(before.MakespanMs, after.MakespanMs);
        Assert.Equal(before.Tools, after.Tools);
        Assert.Equal(["alpha", "beta"], after.Tools.Select(t => t.Output));
        // Replayed from the record, in order, and nothing ran again.
        await using var replay = JobEventLog.Follow(next.Job("kept"));
        Assert.Equal(lasting, await replay.UntilEndAsync());
        Assert.Single(scripted.For("a").Calls);
        Assert.Single(scripted.For("b").Calls);
    }

    [Fact]
    public async Task A_job_whose_silo_stops_mid_run_keeps_its_finished_results_and_resumes_the_rest_on_reactivation()
    {
        var config = new JobConfig().Scripted("instant").Simulated("slow-model", 5000).Tool("quick", "instant").Tool("slow", "slow-model");
        // Long enough that a stop held up by the job (or by someone watching it) would never finish in the test's time.
        config.Settings["Silo:DrainTimeout"] = "00:05:00";
        var storage = new JobStorage();
        var scripted = new ScriptedModelProvider();
        scripted.For("instant").Then(ScriptedStep.Answer("first ", "result"));
        IReadOnlyList<JobEvent> seenBefore;
        await using (var silo = await JobSilo.StartAsync(config.Settings, _clock, storage, scripted))
        {
            var job = silo.Job("resumed");
            await job.Start(Parallel(Call("quick"), Call("slow")));
            await using var events = JobEventLog.Follow(job);
            await events.ToolFinishedAsync(0);
            await _clock.WaitForTimersAsync(S5);
            await silo.StopAsync().WaitAsync(JobEventLog.Timeout);
            // The watcher's stream ended with the silo (without job.finished): it would reconnect with its last id.
            await Assert.ThrowsAsync<InvalidOperationException>(() => events.WaitForAsync(e => e.Type == JobEventType.JobFinished, "job.finished"));
            seenBefore = events.Events;
        }
        var stored = (await storage.ReadJobAsync(JobSilo.Key("resumed")))!;
        Assert.Equal(JobStatus.Running, stored.Status);
        Assert.Equal(ToolStatus.Succeeded, stored.Tools[0].Status);
        Assert.False(IsFinal(stored.Tools[1].Status));
        await _clock.WaitForNoTimersAsync(S5);

        await using var next = await JobSilo.StartAsync(config.Settings, _clock, storage, scripted);
        var job2 = next.Job("resumed");
        var resumed = (await job2.Get())!;
        Assert.Equal(JobStatus.Running, resumed.Status);
        Assert.Equal("first result", resumed.Tools[0].Output);
        await using var after = JobEventLog.Follow(job2);
        // The reactivated job runs the unfinished call again: its answer is due 5 s from now.
        await _clock.WaitForTimersAsync(S5);
        _clock.AdvanceTo(S5);
        var replayed = await after.UntilEndAsync();

        var view = (await job2.Get())!;
        Assert.Equal(JobStatus.Completed, view.Status);
        Assert.Equal("first result", view.Tools[0].Output);
        Assert.Equal(ToolStatus.Succeeded, view.Tools[1].Status);
        Assert.Equal(5000, view.MakespanMs);
        Assert.Single(scripted.For("instant").Calls);
        // The replay still tells the whole story: one tool.finished per tool, sequence numbers never reused, and
        // every lasting event seen before the stop is replayed under the same number.
        Assert.Equal([0, 1], replayed.Where(e => e.Type == JobEventType.ToolFinished).Select(e => e.ToolIndex!.Value).Order());
        Assert.Equal(replayed.Select(e => e.Sequence).Order(), replayed.Select(e => e.Sequence));
        Assert.Equal(replayed.Count, replayed.Select(e => e.Sequence).Distinct().Count());
        foreach (var seen in seenBefore.Where(e => e.Type != JobEventType.ToolProgress))
        {
            Assert.Contains(seen, replayed);
        }
        Assert.All(replayed.Where(e => !seenBefore.Contains(e)), e => Assert.True(e.Sequence > seenBefore.Max(s => s.Sequence),
            $"{e.Type} reuses sequence {e.Sequence}: {JobEventLog.Describe(replayed)}"));
    }

    [Fact]
    public async Task After_a_crash_no_event_number_already_shown_is_used_again_and_the_replay_keeps_every_finished_tool()
    {
        var config = new JobConfig().Scripted("instant").Simulated("slow-model", 5000).Tool("quick", "instant").Tool("slow", "slow-model");
        var storage = new JobStorage();
        var scripted = new ScriptedModelProvider();
        scripted.For("instant").Then(ScriptedStep.Answer("first ", "result"));
        IReadOnlyList<JobEvent> seenBefore;
        await using (var silo = await JobSilo.StartAsync(config.Settings, _clock, storage, scripted))
        {
            var job = silo.Job("crashed");
            await job.Start(Parallel(Call("quick"), Call("slow")));
            await using var events = JobEventLog.Follow(job);
            await events.ToolFinishedAsync(0);
            await _clock.WaitForTimersAsync(S5);
            // The silo dies here: nothing it writes from now on lands, its last words included.
            storage.BeforeWrite((_, _) => Task.FromException(new IOException("the silo is gone")));
            await silo.StopAsync().WaitAsync(JobEventLog.Timeout);
            seenBefore = events.Events;
        }
        storage.BeforeWrite(null);

        await using var next = await JobSilo.StartAsync(config.Settings, _clock, storage, scripted);
        var job2 = next.Job("crashed");
        await using var after = JobEventLog.Follow(job2);
        // The resumed slow call's answer is due 5 s from now (the clock has not moved).
        await _clock.WaitForTimersAsync(S5);
        _clock.AdvanceTo(S5);
        var replayed = await after.UntilEndAsync();

        Assert.Equal([0, 1], replayed.Where(e => e.Type == JobEventType.ToolFinished).Select(e => e.ToolIndex!.Value).Order());
        Assert.Equal(replayed.Count, replayed.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(replayed.Select(e => e.Sequence).Order(), replayed.Select(e => e.Sequence));
        Assert.All(replayed.Where(e => !seenBefore.Contains(e)), e => Assert.True(e.Sequence > seenBefore.Max(s => s.Sequence),
            $"{e.Type} reuses sequence {e.Sequence}, already shown before the crash: {JobEventLog.Describe(replayed)}"));
        Assert.Equal(JobStatus.Completed, (await job2.Get())!.Status);
    }

    [Fact]
    public async Task Start_is_idempotent_a_second_start_returns_the_job_and_runs_nothing_again()
    {
        var config = new JobConfig().Scripted("a").Tool("first", "a");
        await using var silo = await JobSilo.StartAsync(config.Settings, _clock);
        var job = silo.Job("twice");
        await job.Start(Parallel(Call("first")));
        await using var events = JobEventLog.Follow(job);
        await events.UntilEndAsync();

        var again = await job.Start(Parallel(Call("first"), Call("first")));

        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.Single(again.Tools);
        Assert.Single(silo.Scripted.For("a").Calls);
    }
}
