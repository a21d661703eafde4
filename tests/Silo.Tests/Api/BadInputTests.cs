using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Api;

/// <summary>
/// Bad input gets a clear 4xx with an OpenAI-shaped body, never a 500, and never changes the session it names:
/// each request goes to a session that already holds a turn, whose history must be the same afterwards.
/// </summary>
public sealed class BadInputTests(BadInputTests.SmallBodySilo silo) : IClassFixture<BadInputTests.SmallBodySilo>
{
    public const int MaxRequestBytes = 1024;

    public sealed class SmallBodySilo : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Api:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddSingleton<IStartupFilter, RequestFramingProbe>();
    }

    private static readonly string TooLarge = $$"""{"model":"sim-small","messages":[{"role":"user","content":"{{new string('x', MaxRequestBytes)}}"}]}""";

    /// <summary>Body, expected status, expected code and param (null: not checked).</summary>
    public static TheoryData<string, string, int, string?, string?> ChatCompletionCases => new()
    {
        { "malformed JSON", """{"model":"sim-small","messages":[""", 400, "invalid_request", null },
        { "not an object", """["sim-small"]""", 400, "invalid_request", null },
        { "messages of the wrong type", """{"model":"sim-small","messages":"hello"}""", 400, "invalid_request", "messages" },
        { "empty messages", """{"model":"sim-small","messages":[]}""", 400, "invalid_request", "messages" },
        { "a message with empty content", """{"model":"sim-small","messages":[{"role":"user","content":""}]}""", 400, "invalid_request", "messages[0].content" },
        { "a message without content", """{"model":"sim-small","messages":[{"role":"user"}]}""", 400, "invalid_request", "messages[0].content" },
        { "a bad role", """{"model":"sim-small","messages":[{"role":"wizard","content":"hi"}]}""", 400, "invalid_request", "messages[0].role" },
        { "max_tokens as a string", """{"model":"sim-small","max_tokens":"10","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request", "max_tokens" },
        { "max_tokens 0", """{"model":"sim-small","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request", "max_tokens" },
        { "max_tokens 10000000", """{"model":"sim-small","max_tokens":10000000,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request", "max_tokens" },
        { "max_tokens beyond int", """{"model":"sim-small","max_tokens":99999999999,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request", "max_tokens" },
        { "temperature 5", """{"model":"sim-small","temperature":5,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request", "temperature" },
        { "no model", """{"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request", "model" },
        { "unknown model", """{"model":"gpt-nonexistent","messages":[{"role":"user","content":"hi"}]}""", 404, "model_not_found", "model" },
        { "unknown model, streaming", """{"model":"gpt-nonexistent","stream":true,"messages":[{"role":"user","content":"hi"}]}""", 404, "model_not_found", "model" },
        { "ends with an assistant message", """{"model":"sim-small","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}]}""", 400, "invalid_request", "messages" },
        { "body over the limit", TooLarge, 413, "request_too_large", null },
        { "empty body", "", 400, "invalid_request", null },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(ChatCompletionCases))]
    public async Task A_bad_chat_completion_is_a_4xx_in_openai_shape_and_leaves_the_session_unchanged(
        string why, string body, int status, string? code, string? param)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = await SessionWithOneTurnAsync(http, ct);
        var before = await GetHistoryAsync(http, session, ct);

        using var request = ChatCompletion(Json(body), session);
        using var response = await http.SendAsync(request, ct);

        await AssertErrorAsync(response, why, status, code, param, ct);
        Assert.Equal(before, await GetHistoryAsync(http, session, ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_body_over_the_limit_without_a_content_length_is_413()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = await SessionWithOneTurnAsync(http, ct);
        var before = await GetHistoryAsync(http, session, ct);

        // A non-seekable stream: the request goes out chunked, so only counting the bytes can catch it.
        var content = new StreamContent(new ChunkedOnlyStream(Encoding.UTF8.GetBytes(TooLarge)));
        content.Headers.ContentType = new("application/json");
        using var request = ChatCompletion(content, session);
        request.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(request, ct);

        Assert.Equal("none", Assert.Single(response.Headers.GetValues(RequestFramingProbe.Header)));
        await AssertErrorAsync(response, "chunked body over the limit", 413, "request_too_large", null, ct);
        Assert.Equal(before, await GetHistoryAsync(http, session, ct));
    }

    public static TheoryData<string, string, int, string?, string?> SessionMessageCases => new()
    {
        { "malformed JSON", """{"content":""", 400, "invalid_request", null },
        { "empty content", """{"content":""}""", 400, "invalid_request", "content" },
        { "content not a string", """{"content":42}""", 400, "invalid_request", "content" },
        { "model not a string", """{"content":"hi","model":7}""", 400, "invalid_request", "model" },
        { "max_tokens as a string", """{"content":"hi","max_tokens":"10"}""", 400, "invalid_request", "max_tokens" },
        { "temperature 5", """{"content":"hi","temperature":5}""", 400, "invalid_request", "temperature" },
        { "max_tokens 10000000", """{"content":"hi","model":"sim-small","max_tokens":10000000}""", 400, "invalid_request", "max_tokens" },
        { "unknown model", """{"content":"hi","model":"gpt-nonexistent"}""", 404, "model_not_found", "model" },
        { "neither content nor messages", """{"text":"hi"}""", 400, "invalid_request", "messages" },
        { "body over the limit", TooLarge, 413, "request_too_large", null },
        { "empty body", "", 400, "invalid_request", null },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(SessionMessageCases))]
    public async Task A_bad_session_message_is_a_4xx_in_openai_shape_and_leaves_the_session_unchanged(
        string why, string body, int status, string? code, string? param)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = await SessionWithOneTurnAsync(http, ct);
        var before = await GetHistoryAsync(http, session, ct);

        using var response = await http.PostAsync($"/v1/sessions/{session}/messages", Json(body), ct);

        await AssertErrorAsync(response, why, status, code, param, ct);
        Assert.Equal(before, await GetHistoryAsync(http, session, ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_bad_first_message_does_not_create_the_session()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = $"b-{Guid.NewGuid():N}";

        using var response = await http.PostAsync($"/v1/sessions/{session}/messages", Json("""{"content":"hi","model":"gpt-nonexistent"}"""), ct);
        using var get = await http.GetAsync($"/v1/sessions/{session}", ct);

        await AssertErrorAsync(response, "unknown model", 404, "model_not_found", "model", ct);
        await OpenAiErrorShape.AssertAsync(get, HttpStatusCode.NotFound, ct);
    }

    private static async Task<string> SessionWithOneTurnAsync(HttpClient http, CancellationToken ct)
    {
        var session = $"b-{Guid.NewGuid():N}";
        await SendSessionMessageAsync(http, session, "a good first turn", ct);
        return session;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string why, int status, string? code, string? param, CancellationToken ct)
    {
        var error = await OpenAiErrorShape.AssertAsync(response, (HttpStatusCode)status, ct);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.True(code == error.GetProperty("code").GetString(), $"{why}: code {error}");
        if (param is not null)
        {
            Assert.True(param == error.GetProperty("param").GetString(), $"{why}: param {error}");
        }
    }
}
