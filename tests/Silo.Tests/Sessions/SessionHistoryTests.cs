using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Sessions;

/// <summary>
/// With <c>X-Session-Id</c> the silo keeps the conversation: a client may send only its new message, or replay the
/// whole conversation as OpenAI clients do, and the model sees the history either way, exactly once.
/// </summary>
public sealed class SessionHistoryTests(SiloAppFixture silo) : IClassFixture<SiloAppFixture>
{
    [Fact(Timeout = 30_000)]
    public async Task The_second_request_sends_only_its_message_and_the_session_holds_both_turns_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = NewSessionId();

        var first = await CompleteAsync(http, UserMessage("first"), session, ct);
        var second = await CompleteAsync(http, UserMessage("second"), session, ct);

        var history = await GetHistoryAsync(http, session, ct);
        Assert.Equal(
            [("user", "first"), ("assistant", AnswerOf(first)), ("user", "second"), ("assistant", AnswerOf(second))],
            history);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_model_receives_the_earlier_turns_as_if_the_client_had_replayed_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = NewSessionId();

        var first = await CompleteAsync(http, UserMessage("first"), session, ct);
        var second = await CompleteAsync(http, UserMessage("second"), session, ct);
        // The same conversation sent in full, without a session: what the model must have been given.
        var replayed = await CompleteAsync(http, new
        {
            model = "sim-small",
            messages = new[] { new { role = "user", content = "first" }, new { role = "assistant", content = AnswerOf(first) }, new { role = "user", content = "second" } },
        }, sessionId: null, ct);
        var alone = await CompleteAsync(http, UserMessage("second"), sessionId: null, ct);

        Assert.Equal(PromptTokensOf(replayed), PromptTokensOf(second));
        Assert.True(PromptTokensOf(second) > PromptTokensOf(alone), $"{PromptTokensOf(second)} <= {PromptTokensOf(alone)}");
    }

    [Fact(Timeout = 30_000)]
    public async Task The_done_event_counts_the_whole_history_and_the_input_grows_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = NewSessionId();

        var first = (await SendSessionMessageAsync(http, session, "first", ct))[^1];
        var second = (await SendSessionMessageAsync(http, session, "second", ct))[^1];

        Assert.Equal("done", first.Name);
        Assert.Equal("done", second.Name);
        Assert.Equal(2, first.Json.GetProperty("messages").GetInt32());
        Assert.Equal(4, second.Json.GetProperty("messages").GetInt32());
        Assert.True(second.Json.GetProperty("input_tokens").GetInt32() > first.Json.GetProperty("input_tokens").GetInt32());
        Assert.Equal(["user", "assistant", "user", "assistant"], (await GetHistoryAsync(http, session, ct)).Select(m => m.Role));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_sdk_client_replaying_the_whole_conversation_does_not_duplicate_the_history()
    {
        var ct = TestContext.Current.CancellationToken;
        var session = NewSessionId();
        var http = silo.CreateClient();
        http.DefaultRequestHeaders.Add(SessionHeader, session);
        var chat = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions
        {
            Endpoint = new Uri(silo.App.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(http),
        }).GetChatClient("sim-small");

        List<ChatMessage> conversation = [new SystemChatMessage("You are terse."), new UserChatMessage("first")];
        ChatCompletion first = await chat.CompleteChatAsync(conversation, cancellationToken: ct);
        conversation.Add(new AssistantChatMessage(first));
        conversation.Add(new UserChatMessage("second"));
        ChatCompletion second = await chat.CompleteChatAsync(conversation, cancellationToken: ct);

        using var plain = silo.CreateClient();
        Assert.Equal(
            [("system", "You are terse."), ("user", "first"), ("assistant", first.Content[0].Text), ("user", "second"), ("assistant", second.Content[0].Text)],
            await GetHistoryAsync(plain, session, ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_streamed_answer_in_a_session_is_kept_as_it_was_streamed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = NewSessionId();

        using var request = ChatCompletion(Json(UserMessage("stream this", stream: true)), session);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var events = await ServerSentEvent.ReadAllAsync(response, ct);

        Assert.Equal("[DONE]", events[^1].Data);
        var streamed = new StringBuilder();
        foreach (var chunk in events.SkipLast(1))
        {
            var choices = chunk.Json.GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content))
            {
                streamed.Append(content.GetString());
            }
        }
        Assert.NotEqual(0, streamed.Length);
        Assert.Equal([("user", "stream this"), ("assistant", streamed.ToString())], await GetHistoryAsync(http, session, ct));
    }

    private static string NewSessionId() => $"s-{Guid.NewGuid():N}";
}
