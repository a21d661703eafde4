using System.Net;
using System.Text;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Sessions;

/// <summary>
/// The native session API: <c>POST /v1/sessions/{id}/messages</c> streams <c>token</c> events then one <c>done</c>
/// with stage timings; <c>GET</c> and <c>DELETE</c> on <c>/v1/sessions/{id}</c>.
/// </summary>
public sealed class NativeSessionApiTests(SiloAppFixture silo) : IClassFixture<SiloAppFixture>
{
    [Fact(Timeout = 30_000)]
    public async Task A_message_streams_tokens_then_one_done_event_with_timings_and_the_message_count()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = NewSessionId();

        var events = await SendSessionMessageAsync(http, session, "hello there", ct);

        Assert.Equal([.. Enumerable.Repeat("token", InstantModels.OutputTokens), "done"], events.Select(e => e.Name));
        var answer = string.Concat(events.SkipLast(1).Select(e => e.Json.GetProperty("text").GetString()));
        var done = events[^1].Json;
        Assert.Equal(2, done.GetProperty("messages").GetInt32());
        Assert.Equal("sim-small", done.GetProperty("model").GetString());
        Assert.Equal(["sim-small"], done.GetProperty("models_tried").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(InstantModels.OutputTokens, done.GetProperty("output_tokens").GetInt32());
        Assert.True(done.GetProperty("input_tokens").GetInt32() > 0);
        var timings = done.GetProperty("timings");
        foreach (var stage in new[] { "admission_ms", "model_ttft_ms", "model_ms", "persistence_ms", "total_ms" })
        {
            Assert.True(timings.TryGetProperty(stage, out var value), $"no {stage} in {timings}");
            Assert.True(value.GetDouble() >= 0, $"{stage} = {value}");
        }
        // The durable write is part of the turn: the whole cannot be shorter than that part.
        Assert.True(timings.GetProperty("total_ms").GetDouble() >= timings.GetProperty("persistence_ms").GetDouble(), timings.ToString());
        Assert.Equal([("user", "hello there"), ("assistant", answer)], await GetHistoryAsync(http, session, ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Get_of_an_unknown_session_is_404_session_not_found()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var response = await http.GetAsync($"/v1/sessions/{NewSessionId()}", ct);

        var error = await OpenAiErrorShape.AssertAsync(response, HttpStatusCode.NotFound, ct);
        Assert.Equal("session_not_found", error.GetProperty("code").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Delete_answers_204_and_the_session_is_gone_then_a_new_message_starts_afresh()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = NewSessionId();
        await SendSessionMessageAsync(http, session, "remember me", ct);

        using var deleted = await http.DeleteAsync($"/v1/sessions/{session}", ct);
        using var after = await http.GetAsync($"/v1/sessions/{session}", ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await OpenAiErrorShape.AssertAsync(after, HttpStatusCode.NotFound, ct);
        var again = await SendSessionMessageAsync(http, session, "new start", ct);
        Assert.Equal(2, again[^1].Json.GetProperty("messages").GetInt32());
        Assert.Equal("new start", (await GetHistoryAsync(http, session, ct))[0].Content);
    }

    [Fact(Timeout = 30_000)]
    public async Task Delete_of_an_unknown_session_is_404()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var response = await http.DeleteAsync($"/v1/sessions/{NewSessionId()}", ct);

        var error = await OpenAiErrorShape.AssertAsync(response, HttpStatusCode.NotFound, ct);
        Assert.Equal("session_not_found", error.GetProperty("code").GetString());
    }

    public static TheoryData<string> InvalidIds => ["has%20space", "semi%3Bcolon", "slash%2Fencoded", "%C3%A9t%C3%A9", new string('x', 129)];

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(InvalidIds))]
    public async Task An_invalid_session_id_is_400_on_get_delete_and_post(string escapedId)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var get = await http.GetAsync($"/v1/sessions/{escapedId}", ct);
        using var delete = await http.DeleteAsync($"/v1/sessions/{escapedId}", ct);
        using var post = await http.PostAsync($"/v1/sessions/{escapedId}/messages", Json(new { content = "hi" }), ct);

        foreach (var response in new[] { get, delete, post })
        {
            var error = await OpenAiErrorShape.AssertAsync(response, HttpStatusCode.BadRequest, ct);
            Assert.Contains("session id", error.GetProperty("message").GetString());
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task An_invalid_x_session_id_on_chat_completions_is_400_naming_session_id()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var request = ChatCompletion(Json(UserMessage("hi")), new string('x', 129));
        using var response = await http.SendAsync(request, ct);

        var error = await OpenAiErrorShape.AssertAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.Equal("session_id", error.GetProperty("param").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_message_in_the_chat_completion_shape_is_accepted_and_defaults_to_auto_routing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = NewSessionId();

        using var response = await http.PostAsync($"/v1/sessions/{session}/messages",
            Json(new { messages = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = "hi" } } }), ct);
        var events = await ServerSentEvent.ReadAllAsync(response, ct);

        Assert.Equal("done", events[^1].Name);
        Assert.Equal(3, events[^1].Json.GetProperty("messages").GetInt32());
        Assert.Contains(events[^1].Json.GetProperty("model").GetString(), new[] { "sim-small", "sim-large" });
        Assert.Equal(["system", "user", "assistant"], (await GetHistoryAsync(http, session, ct)).Select(m => m.Role));
    }

    private static string NewSessionId() => $"n-{Guid.NewGuid():N}";
}
