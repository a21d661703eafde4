using static Silo.Tests.Jobs.JobsCalls;

namespace Silo.Tests.Jobs;

/// <summary>GET /v1/jobs/{id}/events: SSE with id lines; a late subscriber gets what it missed; Last-Event-ID and ?after= resume.</summary>
public sealed class JobsEventsApiTests(JobsApiFixture silo) : IClassFixture<JobsApiFixture>
{
    /// <summary>A job of an instant tool and a held one (12 words: progress at 8); returns its id and the held prompt.</summary>
    private async Task<(string Id, string Held)> StartHalfDoneJobAsync(HttpClient http, CancellationToken ct)
    {
        var held = $"held {Guid.NewGuid():N} one two three four five six seven eight nine ten";
        var id = await SubmitAsync(http, new { tools = new[] { Tool("echo_tool", new { text = "instant answer" }), Tool("held_tool", new { text = held }) } }, ct);
        await silo.Models.CalledAsync(held);
        return (id, held);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_late_subscriber_receives_the_events_it_missed_in_order_then_the_live_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();
        var (id, held) = await StartHalfDoneJobAsync(http, ct);
        using var early = await EventsAsync(http, id, ct);
        var instantDone = await early.UntilAsync(e => e is { Name: "tool.finished", ToolIndex: 0 }, ct);

        // Connects after the first tool has finished: everything so far is replayed first, in order.
        using var late = await EventsAsync(http, id, ct);
        await late.UntilAsync(e => e.Id == instantDone.Id, ct);
        Assert.Equal(early.Seen.Select(e => (e.Id, e.Name, e.Data)), late.Seen.Select(e => (e.Id, e.Name, e.Data)));
        Assert.Equal(["job.started", "tool.started", "tool.started"], late.Seen.Take(3).Select(e => e.Name));

        silo.Models.Release(held);
        var all = await early.ToEndAsync(ct);
        await late.ToEndAsync(ct);

        Assert.Equal(all.Select(e => (e.Id, e.Name, e.Data)), late.Seen.Select(e => (e.Id, e.Name, e.Data)));
        Assert.Equal(Enumerable.Range(1, all.Count), all.Select(e => e.Id!.Value));
        Assert.Contains(all, e => e is { Name: "tool.progress", ToolIndex: 1 } && e.Json.GetProperty("tokens").GetInt32() == 8);
        var finished = all[^1];
        Assert.Equal(Grains.Interfaces.Jobs.JobStatus.Completed, finished.JobStatus);
        Assert.Equal(Grains.Interfaces.Jobs.ToolStatus.Succeeded, all.Single(e => e is { Name: "tool.finished", ToolIndex: 1 }).ToolStatus);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_subscriber_connecting_after_the_job_finished_receives_every_lasting_event()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();
        var (id, held) = await StartHalfDoneJobAsync(http, ct);
        using var live = await EventsAsync(http, id, ct);
        silo.Models.Release(held);
        var all = await live.ToEndAsync(ct);

        using var replay = await EventsAsync(http, id, ct);
        var replayed = await replay.ToEndAsync(ct);

        Assert.Equal(all.Select(e => (e.Id, e.Name, e.Data)), replayed.Select(e => (e.Id, e.Name, e.Data)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Last_event_id_resumes_after_that_event_and_after_query_does_the_same()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();
        var (id, held) = await StartHalfDoneJobAsync(http, ct);
        using var first = await EventsAsync(http, id, ct);
        var lastSeen = await first.UntilAsync(e => e is { Name: "tool.finished", ToolIndex: 0 }, ct);

        // Nothing comes after that event until the held tool answers, so the streams open as it does.
        var resuming = EventsAsync(http, id, ct, lastEventId: lastSeen.Id);
        var resumingByQuery = EventsAsync(http, id, ct, after: lastSeen.Id);
        silo.Models.Release(held);
        var all = await first.ToEndAsync(ct);
        using var resumed = await resuming;
        using var byQuery = await resumingByQuery;

        var expected = all.Where(e => e.Id > lastSeen.Id).Select(e => (e.Id, e.Name, e.Data)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, (await resumed.ToEndAsync(ct)).Select(e => (e.Id, e.Name, e.Data)));
        Assert.Equal(expected, (await byQuery.ToEndAsync(ct)).Select(e => (e.Id, e.Name, e.Data)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Reconnecting_with_the_id_of_job_finished_ends_the_stream_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();
        var id = await SubmitAsync(http, new { tools = new[] { Tool("echo_tool", new { text = "done" }) } }, ct);
        using var first = await EventsAsync(http, id, ct);
        var all = await first.ToEndAsync(ct);

        // An EventSource reconnects when the server closes the stream, sending the last id it saw.
        using var again = await EventsAsync(http, id, ct, lastEventId: all[^1].Id);

        Assert.Null(await again.NextAsync(ct));
    }
}
