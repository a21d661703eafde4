using System.Net;
using System.Text;
using System.Text.Json;
using Silo.Tests.Infrastructure;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Api;

/// <summary>
/// Request bodies are read whole however they arrive: with a length larger than the first read buffer, or chunked
/// in pieces that make the buffer grow. A body cut short would be invalid JSON (a 400), and a body read wrong would
/// store another message than the one sent.
/// </summary>
public sealed class RequestBodyTests(SiloAppFixture silo) : IClassFixture<SiloAppFixture>
{
    public static TheoryData<string, int, bool> Bodies => new()
    {
        { "a small body with a length", 50, false },
        { "a body with a length past the first buffer", 80 * 1024, false },
        { "a chunked body past the first buffer", 20 * 1024, true },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Bodies))]
    public async Task A_body_is_read_whole(string why, int contentLength, bool chunked)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.CreateClient();
        var session = Guid.NewGuid().ToString("N");
        var message = string.Concat(Enumerable.Range(0, contentLength / 8).Select(i => $"{i % 10_000_000,7} "));
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(UserMessage(message)));
        HttpContent content = chunked ? new StreamContent(new ChunkedOnlyStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        using var request = ChatCompletion(content, session);
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request, ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var history = await GetHistoryAsync(http, session, ct);
        Assert.Equal(("user", message), history[0]);
    }
}
