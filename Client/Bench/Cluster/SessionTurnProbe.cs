using System.Diagnostics;
using System.Net;
using System.Text;
using Client.Bench.Overhead;

namespace Client.Bench.Cluster;

/// <summary>
/// One worker's chat turns through the native session API, round-robin over its own sessions, each sent to the
/// silo chosen for it. A turn counts only when its <c>done</c> event came: the turn is then durable in DynamoDB.
/// </summary>
internal sealed class SessionTurnProbe(HttpClient http, IReadOnlyList<Uri> turnUris) : ILoadProbe
{
    private const int BufferSize = 64 * 1024;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes($$"""{"content":"How are you?","model":"{{ClusterBenchSettings.Model}}"}""");
    private static readonly byte[] DoneEvent = "event: done"u8.ToArray();
    private static readonly byte[] ErrorEvent = "event: error"u8.ToArray();

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _next;

    public async Task<(long FirstByte, long Total)> SendAsync(CancellationToken cancellationToken)
    {
        var uri = turnUris[_next++ % turnUris.Count];
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var (firstByte, received) = await TimedBody.ReadAsync(response, _buffer, started, cancellationToken);
        var total = Stopwatch.GetTimestamp() - started;
        var answer = _buffer.AsSpan(0, received);
        if (response.StatusCode != HttpStatusCode.OK || answer.IndexOf(DoneEvent) < 0 || answer.IndexOf(ErrorEvent) >= 0)
        {
            var text = Encoding.UTF8.GetString(answer[..Math.Min(answer.Length, 300)]).ReplaceLineEndings(" ");
            throw new InvalidDataException($"{uri} answered HTTP {(int)response.StatusCode}: {text}");
        }
        return (firstByte, total);
    }
}
