using System.Diagnostics;
using System.Net;
using System.Text;

namespace Client.Bench.Overhead;

/// <summary>
/// Sends one chat completion and times it from the send to the first body byte (for a stream, the first byte of
/// the first event) and to the last. The answer is checked cheaply, so a fast error never passes as a fast answer.
/// </summary>
internal sealed class CompletionProbe(HttpClient http, CompletionTarget target) : ILoadProbe
{
    private const int BufferSize = 64 * 1024;
    private static readonly byte[] StreamEnd = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] ErrorField = "\"error\""u8.ToArray();
    private static readonly byte[] ChoicesField = "\"choices\""u8.ToArray();

    // One of each per worker: a worker has one request in flight at a time, and servers read the whole request
    // before they answer, so the request buffer is free again once the answer is in.
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly byte[] _request = new byte[target.MaxBodyLength];

    public async Task<(long FirstByte, long Total)> SendAsync(CancellationToken cancellationToken)
    {
        var length = target.WriteBody(_request);
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Uri) { Content = new ByteArrayContent(_request, 0, length) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (target.NoCache)
        {
            request.Headers.TryAddWithoutValidation("Cache-Control", "no-cache, no-store");
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var (firstByte, received) = await TimedBody.ReadAsync(response, _buffer, started, cancellationToken);
        var total = Stopwatch.GetTimestamp() - started;
        Check(response.StatusCode, _buffer.AsSpan(0, received));
        return (firstByte, total);
    }

    private void Check(HttpStatusCode status, ReadOnlySpan<byte> answer)
    {
        var valid = status == HttpStatusCode.OK && (target.Stream
            ? answer.EndsWith(StreamEnd) && answer.IndexOf(ErrorField) < 0
            : answer.IndexOf(ChoicesField) >= 0);
        if (!valid)
        {
            var text = Encoding.UTF8.GetString(answer[..Math.Min(answer.Length, 300)]).ReplaceLineEndings(" ");
            throw new InvalidDataException($"{target.Uri} ({target.Mode}) answered HTTP {(int)status}: {text}");
        }
    }
}
