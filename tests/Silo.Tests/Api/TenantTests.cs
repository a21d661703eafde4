using System.Net;
using System.Net.Http.Headers;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Api;

/// <summary>Two tenants and an admin key: every call needs a key, and a tenant never sees another tenant's sessions.</summary>
public sealed class TenantTests(TenantTests.TenantSilo silo) : IClassFixture<TenantTests.TenantSilo>
{
    public const string KeyA = "sk-tenant-a-0123456789";
    public const string KeyB = "sk-tenant-b-9876543210";
    public const string AdminKey = "sk-admin-ops-5555";

    public sealed class TenantSilo : SiloAppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            [$"Auth:Keys:{KeyA}:Tenant"] = "tenant-a",
            [$"Auth:Keys:{KeyB}:Tenant"] = "tenant-b",
            [$"Auth:Keys:{AdminKey}:Tenant"] = "ops",
            [$"Auth:Keys:{AdminKey}:Admin"] = "true",
        };
    }

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/v1/models" },
        { "POST", "/v1/chat/completions" },
        { "GET", "/v1/sessions/any" },
        { "DELETE", "/v1/sessions/any" },
        { "POST", "/v1/sessions/any/messages" },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_key_every_api_call_is_401_in_openai_shape(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Json(UserMessage("hi"));
        }
        using var response = await http.SendAsync(request, ct);

        var error = await OpenAiErrorShape.AssertAsync(response, HttpStatusCode.Unauthorized, ct);
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("Bearer sk-not-a-real-key-424242")]
    [InlineData("Basic c2stdGVuYW50LWEtMDEyMzQ1Njc4OQ==")]
    [InlineData("sk-tenant-a-0123456789")]
    [InlineData("Bearer ")]
    public async Task An_invalid_key_or_scheme_is_401_and_the_key_is_not_echoed(string authorization)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request, ct);

        var body = await response.Content.ReadAsStringAsync(ct);
        await OpenAiErrorShape.AssertAsync(response, HttpStatusCode.Unauthorized, ct);
        var sent = authorization.Split(' ')[^1];
        Assert.True(sent.Length == 0 || !body.Contains(sent, StringComparison.Ordinal), body);
        Assert.DoesNotContain("sk-", body, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(KeyA)]
    [InlineData(AdminKey)]
    public async Task A_valid_key_is_served(string key)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Another_tenant_cannot_read_or_delete_a_session_it_does_not_own()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = $"shared-{Guid.NewGuid():N}";
        await SendSessionMessageAsync(http, session, "secret of a", ct, KeyA);

        foreach (var key in new[] { KeyB, AdminKey })
        {
            using var get = await SendAsync(http, HttpMethod.Get, $"/v1/sessions/{session}", key, ct);
            using var delete = await SendAsync(http, HttpMethod.Delete, $"/v1/sessions/{session}", key, ct);

            var getBody = await get.Content.ReadAsStringAsync(ct);
            await OpenAiErrorShape.AssertAsync(get, HttpStatusCode.NotFound, ct);
            await OpenAiErrorShape.AssertAsync(delete, HttpStatusCode.NotFound, ct);
            Assert.DoesNotContain("secret of a", getBody, StringComparison.Ordinal);
        }
        Assert.Equal("secret of a", (await GetHistoryAsync(http, session, ct, KeyA))[0].Content);
    }

    [Fact(Timeout = 30_000)]
    public async Task Another_tenant_posting_to_the_same_session_id_gets_a_separate_session()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = $"shared-{Guid.NewGuid():N}";

        var a = await SendSessionMessageAsync(http, session, "from a", ct, KeyA);
        var b = await SendSessionMessageAsync(http, session, "from b", ct, KeyB);
        var bViaOpenAi = await CompleteAsync(http, UserMessage("b again"), session, ct, KeyB);

        Assert.Equal(2, a[^1].Json.GetProperty("messages").GetInt32());
        Assert.Equal(2, b[^1].Json.GetProperty("messages").GetInt32());
        var historyA = await GetHistoryAsync(http, session, ct, KeyA);
        var historyB = await GetHistoryAsync(http, session, ct, KeyB);
        Assert.Equal(["from a"], historyA.Where(m => m.Role == "user").Select(m => m.Content));
        Assert.Equal(["from b", "b again"], historyB.Where(m => m.Role == "user").Select(m => m.Content));
        Assert.Equal(AnswerOf(bViaOpenAi), historyB[^1].Content);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string key, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request, ct);
    }
}
