using System.Text;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Sessions;

/// <summary>One turn at a time per session: a message sent while another is being answered waits its turn.</summary>
public sealed class SessionConcurrencyTests(SessionConcurrencyTests.StreamingSilo silo) : IClassFixture<SessionConcurrencyTests.StreamingSilo>
{
    /// <summary>A model that takes a moment per token, so a second message can arrive while the first is answered.</summary>
    public sealed class StreamingSilo : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Models:sim-small:TtftMs"] = "20",
            ["Models:sim-small:TokensPerSecond"] = "50",
            ["Models:sim-small:OutputTokens"] = "10",
        };
    }

    [Fact(Timeout = 30_000)]
    public async Task A_message_sent_mid_answer_waits_and_both_turns_are_kept_whole_and_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = $"c-{Guid.NewGuid():N}";

        using var firstRequest = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{session}/messages") { Content = Json(new { content = "alpha", model = "sim-small" }) };
        using var firstResponse = await http.SendAsync(firstRequest, HttpCompletionOption.ResponseHeadersRead, ct);
        using var firstStream = new StreamReader(await firstResponse.Content.ReadAsStreamAsync(ct));
        // The first turn is under way once its first token is out; the second message arrives now.
        var firstText = await ReadUntilAsync(firstStream, "event: token", ct);
        var second = SendSessionMessageAsync(http, session, "beta", ct);
        var firstEvents = ServerSentEvent.Parse(firstText + await firstStream.ReadToEndAsync(ct));
        var secondEvents = await second;

        Assert.Equal([.. Enumerable.Repeat("token", 10), "done"], firstEvents.Select(e => e.Name));
        Assert.Equal(2, firstEvents[^1].Json.GetProperty("messages").GetInt32());
        var firstAnswer = string.Concat(firstEvents.SkipLast(1).Select(e => e.Json.GetProperty("text").GetString()));
        Assert.Equal("done", secondEvents[^1].Name);
        Assert.Equal(4, secondEvents[^1].Json.GetProperty("messages").GetInt32());
        var secondAnswer = string.Concat(secondEvents.SkipLast(1).Select(e => e.Json.GetProperty("text").GetString()));
        var history = await GetHistoryAsync(http, session, ct);
        Assert.Equal(["user", "assistant", "user", "assistant"], history.Select(m => m.Role));
        Assert.Equal("alpha", history[0].Content);
        Assert.Equal("beta", history[2].Content);
        Assert.Equal(firstAnswer, history[1].Content);
        Assert.Equal(secondAnswer, history[3].Content);
    }

    [Fact(Timeout = 30_000)]
    public async Task Two_concurrent_chat_completions_in_one_session_both_succeed_and_each_answer_follows_its_question()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = $"c-{Guid.NewGuid():N}";

        var answers = await Task.WhenAll(
            CompleteAsync(http, UserMessage("question one"), session, ct),
            CompleteAsync(http, UserMessage("question two"), session, ct));

        var history = await GetHistoryAsync(http, session, ct);
        Assert.Equal(["user", "assistant", "user", "assistant"], history.Select(m => m.Role));
        var byQuestion = new Dictionary<string, string> { ["question one"] = AnswerOf(answers[0]), ["question two"] = AnswerOf(answers[1]) };
        Assert.Equal(byQuestion.Keys.Order(), new[] { history[0].Content, history[2].Content }.Order());
        Assert.Equal(byQuestion[history[0].Content], history[1].Content);
        Assert.Equal(byQuestion[history[2].Content], history[3].Content);
        // The later turn was answered with the earlier one in its prompt.
        var (earlier, later) = history[0].Content == "question one" ? (answers[0], answers[1]) : (answers[1], answers[0]);
        Assert.True(PromptTokensOf(later) > PromptTokensOf(earlier), $"{PromptTokensOf(later)} <= {PromptTokensOf(earlier)}");
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string line, CancellationToken ct)
    {
        var read = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } next)
        {
            read.Append(next).Append('\n');
            if (next == line)
            {
                return read.ToString();
            }
        }
        throw new InvalidOperationException($"The stream ended without '{line}':\n{read}");
    }
}
