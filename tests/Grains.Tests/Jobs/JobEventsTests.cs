using Grains.Interfaces.Jobs;
using static Grains.Tests.Jobs.JobConfig;

namespace Grains.Tests.Jobs;

/// <summary>Events(afterSequence): a late subscriber gets what it missed, in order, then the rest as it happens.</summary>
public sealed class JobEventsTests
{
    private static readonly TimeSpan S1 = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan S3 = TimeSpan.FromSeconds(3);
    private readonly TestClock _clock = new();

    private static JobConfig Config() => new JobConfig()
        .Simulated("quick-model", 1000, outputTokens: 20).Simulated("slow-model", 3000, outputTokens: 20)
        .Tool("quick", "quick-model").Tool("slow", "slow-model");

    [Fact]
    public async Task A_late_subscriber_gets_the_missed_events_in_order_then_the_live_ones()
    {
        await using var silo = await JobSilo.StartAsync(Config().Settings, _clock);
        var job = silo.Job("late");
        await job.Start(Parallel(Call("quick"), Call("slow")));
        await using var early = JobEventLog.Follow(job);
        await _clock.WaitForTimersAsync(S1);
        await _clock.WaitForTimersAsync(S3);
        _clock.AdvanceTo(S1);
        var quickFinished = await early.ToolFinishedAsync(0);
        var missed = early.Events;

        await using var late = JobEventLog.Follow(job);
        await late.WaitForAsync(e => e.Sequence == quickFinished.Sequence, "the replayed tool.finished");
        Assert.Equal(missed.TakeWhile(e => e.Sequence <= quickFinished.Sequence), late.Events);

        _clock.AdvanceTo(S3);
        var all = await early.UntilEndAsync();
        Assert.Equal(all, await late.UntilEndAsync());
        Assert.Equal(Enumerable.Range(1, all.Count), all.Select(e => e.Sequence));
        Assert.Equal(JobEventType.JobStarted, all[0].Type);
        // 20 tokens: progress at 8 and 16, then the result.
        Assert.Equal([8, 16], all.Where(e => e.Type == JobEventType.ToolProgress && e.ToolIndex == 1).Select(e => e.Tokens!.Value));
        Assert.Equal(20, all.Single(e => e.Type == JobEventType.ToolFinished && e.ToolIndex == 1).Tokens);
    }

    [Fact]
    public async Task A_subscriber_resuming_after_a_sequence_gets_only_the_events_after_it()
    {
        await using var silo = await JobSilo.StartAsync(Config().Settings, _clock);
        var job = silo.Job("resume");
        await job.Start(Parallel(Call("quick"), Call("slow")));
        await using var first = JobEventLog.Follow(job);
        await _clock.WaitForTimersAsync(S1);
        await _clock.WaitForTimersAsync(S3);
        _clock.AdvanceTo(S1);
        var lastSeen = await first.ToolFinishedAsync(0);

        await using var resumed = JobEventLog.Follow(job, afterSequence: lastSeen.Sequence);
        _clock.AdvanceTo(S3);
        var all = await first.UntilEndAsync();

        Assert.Equal(all.Where(e => e.Sequence > lastSeen.Sequence), await resumed.UntilEndAsync());
        Assert.Equal(JobEventType.ToolProgress, (await resumed.UntilEndAsync())[0].Type);
    }

    [Fact]
    public async Task Subscribing_to_a_finished_job_replays_everything_and_ends()
    {
        await using var silo = await JobSilo.StartAsync(Config().Settings, _clock);
        var job = silo.Job("done");
        await job.Start(Parallel(Call("quick")));
        await using var first = JobEventLog.Follow(job);
        await _clock.WaitForTimersAsync(S1);
        _clock.AdvanceTo(S1);
        var all = await first.UntilEndAsync();

        await using var replay = JobEventLog.Follow(job);
        Assert.Equal(all, await replay.UntilEndAsync());
        await using var tail = JobEventLog.Follow(job, afterSequence: all[^2].Sequence);
        Assert.Equal([all[^1]], await tail.UntilEndAsync());
    }

    [Fact]
    public async Task Resuming_after_the_last_event_of_a_finished_job_ends_at_once_instead_of_waiting_forever()
    {
        await using var silo = await JobSilo.StartAsync(Config().Settings, _clock);
        var job = silo.Job("reconnect");
        await job.Start(Parallel(Call("quick")));
        await using var first = JobEventLog.Follow(job);
        await _clock.WaitForTimersAsync(S1);
        _clock.AdvanceTo(S1);
        var all = await first.UntilEndAsync();

        // What an EventSource does when the server closes the stream: reconnect with the last id it saw.
        var again = await job.Events(all[^1].Sequence).ToListAsync().AsTask().WaitAsync(JobEventLog.Timeout);

        Assert.Empty(again);
    }
}
