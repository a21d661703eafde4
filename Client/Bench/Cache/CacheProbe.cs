using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Client.Bench.Cache;

/// <summary>What one chat completion took and what the cache said about it.</summary>
internal readonly record struct ProbeResult(double TotalMs, double FirstByteMs, string? Cache, double? Score, double? ServerTotalMs);

/// <summary>
/// Sends chat completions over one keep-alive loopback connection and times each from the send to the last byte
/// (and to the first body byte). The answer is checked, so a fast error never passes as a fast hit.
/// </summary>
internal sealed class CacheProbe(HttpClient http, Uri chatCompletions)
{
    private static readonly byte[] StreamEnd = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] ChoicesField = "\"choices\""u8.ToArray();
    private static readonly byte[] ErrorField = "\"error\""u8.ToArray();

    private readonly byte[] _buffer = new byte[256 * 1024];

    public static byte[] Body(string model, string prompt, bool stream, string? system = null, int? maxTokens = null)
    {
        var messages = new List<Dictionary<string, string>>();
        if (system is not null)
        {
            messages.Add(new() { ["role"] = "system", ["content"] = system });
        }
        messages.Add(new() { ["role"] = "user", ["content"] = prompt });
        var body = new Dictionary<string, object> { ["model"] = model, ["messages"] = messages, ["stream"] = stream };
        if (maxTokens is { } max)
        {
            body["max_tokens"] = max;
        }
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <param name="semantic">Sends <c>X-Cache-Semantic: on</c>.</param>
    public async Task<ProbeResult> SendAsync(byte[] body, bool stream, bool semantic, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, chatCompletions) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (semantic)
        {
            request.Headers.TryAddWithoutValidation("X-Cache-Semantic", "on");
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var (firstByte, length) = await TimedBody.ReadAsync(response, _buffer, started, cancellationToken);
        var total = Stopwatch.GetTimestamp() - started;
        Check(response.StatusCode, stream, _buffer.AsSpan(0, length));
        return new ProbeResult(
            Milliseconds(total), Milliseconds(firstByte), Header(response, "X-Cache"),
            Header(response, "X-Cache-Score") is { } score ? double.Parse(score, CultureInfo.InvariantCulture) : null,
            ServerTotal(Header(response, "Server-Timing")));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>The silo's own view of the request: <c>total;dur=</c> of Server-Timing (JSON answers only).</summary>
    private static double? ServerTotal(string? serverTiming)
    {
        const string total = "total;dur=";
        var at = serverTiming?.IndexOf(total, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }
        var value = serverTiming![(at + total.Length)..].Split(',')[0].Trim();
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null;
    }

    private void Check(HttpStatusCode status, bool stream, ReadOnlySpan<byte> answer)
    {
        var valid = status == HttpStatusCode.OK && (stream
            ? answer.EndsWith(StreamEnd) && answer.IndexOf(ErrorField) < 0
            : answer.IndexOf(ChoicesField) >= 0);
        if (!valid)
        {
            var text = Encoding.UTF8.GetString(answer[..Math.Min(answer.Length, 300)]).ReplaceLineEndings(" ");
            throw new InvalidDataException($"{chatCompletions} answered HTTP {(int)status}: {text}");
        }
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
