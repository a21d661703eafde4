using System.Net;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Sessions;

/// <summary>Nothing acknowledged is lost: a session's history outlives its activation and its silo.</summary>
public sealed class SessionPersistenceTests
{
    private static readonly TimeSpan ExitBudget = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 90_000)]
    public async Task A_sessions_history_survives_a_silo_process_restart_and_the_next_turn_continues_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var database = data.Combine("grains.db");
        IReadOnlyList<(string Role, string Content)> before;

        await using (var first = await SiloProcess.StartAsync(database, ct, arguments: InstantModels.Arguments))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            await SendSessionMessageAsync(http, "durable", "first", ct);
            before = await GetHistoryAsync(http, "durable", ct);
            await first.TerminateAsync(ct);
            Assert.Equal(0, await first.WaitForExitAsync(ExitBudget, ct));
        }

        await using var second = await SiloProcess.StartAsync(database, ct, arguments: InstantModels.Arguments);
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        var after = await GetHistoryAsync(again, "durable", ct);
        var next = await SendSessionMessageAsync(again, "durable", "second", ct);

        Assert.Equal(["user", "assistant"], before.Select(m => m.Role));
        Assert.Equal(before, after);
        Assert.Equal(4, next[^1].Json.GetProperty("messages").GetInt32());
        Assert.Equal([.. before, ("user", "second")], (await GetHistoryAsync(again, "durable", ct)).Take(3));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_session_comes_back_whole_when_a_new_in_process_silo_activates_it_from_storage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var database = data.Combine("grains.db");
        IReadOnlyList<(string Role, string Content)> before;
        int inputTokensBefore;

        await using (var first = new SiloApp(database))
        {
            using var http = first.CreateClient();
            await SendSessionMessageAsync(http, "warm", "one", ct);
            var turn = await SendSessionMessageAsync(http, "warm", "two", ct);
            inputTokensBefore = turn[^1].Json.GetProperty("input_tokens").GetInt32();
            before = await GetHistoryAsync(http, "warm", ct);
        }

        await using var second = new SiloApp(database);
        using var again = second.CreateClient();
        var after = await GetHistoryAsync(again, "warm", ct);
        var next = await SendSessionMessageAsync(again, "warm", "three", ct);

        Assert.Equal(4, before.Count);
        Assert.Equal(before, after);
        Assert.Equal(6, next[^1].Json.GetProperty("messages").GetInt32());
        // The reloaded turns went to the model with the new message.
        Assert.True(next[^1].Json.GetProperty("input_tokens").GetInt32() > inputTokensBefore);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_deleted_session_stays_deleted_after_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var database = data.Combine("grains.db");

        await using (var first = new SiloApp(database))
        {
            using var http = first.CreateClient();
            await SendSessionMessageAsync(http, "gone", "forget me", ct);
            await SendSessionMessageAsync(http, "kept", "keep me", ct);
            using var deleted = await http.DeleteAsync("/v1/sessions/gone", ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await using var second = new SiloApp(database);
        using var again = second.CreateClient();
        using var get = await again.GetAsync("/v1/sessions/gone", ct);

        await OpenAiErrorShape.AssertAsync(get, HttpStatusCode.NotFound, ct);
        Assert.Equal("keep me", (await GetHistoryAsync(again, "kept", ct))[0].Content);
    }
}
