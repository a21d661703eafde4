using System.Text.Json;

namespace Silo.Tests.Infrastructure;

/// <summary>One Server-Sent Event: its name (null when the stream sends unnamed events) and its data.</summary>
internal sealed record ServerSentEvent(string? Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>Every event of a text/event-stream body, in order, read until the server ends the response.</summary>
    public static async Task<IReadOnlyList<ServerSentEvent>> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        return await ReadAllAsync(reader, cancellationToken);
    }

    /// <summary>The events of a stream's text already read.</summary>
    public static IReadOnlyList<ServerSentEvent> Parse(string text) =>
        ReadAllAsync(new StringReader(text), CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<ServerSentEvent>> ReadAllAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var events = new List<ServerSentEvent>();
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add(new ServerSentEvent(name, string.Join('\n', data)));
                }
                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }
        if (data.Count > 0)
        {
            events.Add(new ServerSentEvent(name, string.Join('\n', data)));
        }
        return events;
    }
}
