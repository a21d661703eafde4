using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Client.Bench.Overhead;

/// <summary>
/// Where one measured route sends its chat completions, and how it writes each request: the JSON around the
/// prompt is built once, and with <see cref="CacheMode.Miss"/> each prompt ends in a new number.
/// </summary>
internal sealed class CompletionTarget
{
    private const string Marker = "\u0001";

    private static long _sequence;

    private readonly byte[] _prefix;
    private readonly byte[] _suffix;
    private readonly bool _unique;

    private CompletionTarget(BenchRoute route, bool stream, Uri uri, byte[] prefix, byte[] suffix, bool unique, bool noCache)
    {
        Route = route;
        Stream = stream;
        Uri = uri;
        _prefix = prefix;
        _suffix = suffix;
        _unique = unique;
        NoCache = noCache;
    }

    public BenchRoute Route { get; }

    public bool Stream { get; }

    public Uri Uri { get; }

    /// <summary>Send Cache-Control: no-cache, no-store.</summary>
    public bool NoCache { get; }

    public string Mode => Stream ? "sse" : "json";

    /// <param name="baseUrl">An OpenAI-style base URL ending in /v1 (the silo's or the upstream's).</param>
    /// <param name="run">Tells this run's prompts from an earlier run's, which a running silo may have cached.</param>
    public static CompletionTarget For(BenchRoute route, bool stream, string baseUrl, string model, int maxTokens, CacheMode cache, string run)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = $"Say something short. {run}-{Marker}" } },
            ["max_tokens"] = maxTokens,
            ["stream"] = stream,
        });
        // The marker is escaped in JSON, so it splits the body exactly where the number goes.
        var parts = body.Split("\\u0001");
        var unique = cache == CacheMode.Miss;
        return new CompletionTarget(
            route, stream, new Uri(baseUrl.TrimEnd('/') + "/chat/completions"),
            Encoding.UTF8.GetBytes(parts[0]), Encoding.UTF8.GetBytes(unique ? parts[1] : "0" + parts[1]), unique, cache == CacheMode.Bypass);
    }

    /// <summary>Largest body <see cref="WriteBody"/> writes.</summary>
    public int MaxBodyLength => _prefix.Length + 20 + _suffix.Length;

    /// <summary>Writes the next request's body into <paramref name="buffer"/> and returns its length.</summary>
    public int WriteBody(Span<byte> buffer)
    {
        _prefix.CopyTo(buffer);
        var length = _prefix.Length;
        if (_unique)
        {
            Utf8Formatter.TryFormat(Interlocked.Increment(ref _sequence), buffer[length..], out var written);
            length += written;
        }
        _suffix.CopyTo(buffer[length..]);
        return length + _suffix.Length;
    }
}
