using System.Text.Json;
using Grains.Interfaces.Jobs;

namespace Silo.Tests.Jobs;

/// <summary>One event of a job's SSE stream: its id line, event name and JSON data.</summary>
public sealed record JobSse(int? Id, string? Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public int? ToolIndex => Json.TryGetProperty("tool_index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : null;

    public ToolStatus? ToolStatus => Enum<ToolStatus>("tool_status");

    public JobStatus? JobStatus => Enum<JobStatus>("job_status");

    // By name or by number: the data's enums are the grain's.
    private T? Enum<T>(string property) where T : struct, Enum =>
        Json.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => System.Enum.Parse<T>(value.GetString()!, ignoreCase: true),
            JsonValueKind.Number => (T)(object)value.GetInt32(),
            _ => null,
        } : null;

    public override string ToString() => $"{Id}:{Name}{(ToolIndex is { } i ? $"[{i}]" : "")}";
}

/// <summary>Reads a text/event-stream response event by event, as it arrives.</summary>
public sealed class SseReader(HttpResponseMessage response) : IDisposable
{
    private StreamReader? _reader;

    public List<JobSse> Seen { get; } = [];

    /// <summary>The next event, or null when the server has ended the stream.</summary>
    public async Task<JobSse?> NextAsync(CancellationToken cancellationToken)
    {
        _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        int? id = null;
        string? name = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    var item = new JobSse(id, name, string.Join('\n', data));
                    Seen.Add(item);
                    return item;
                }
                continue;
            }
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = int.Parse(line["id:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
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
        return null;
    }

    /// <summary>Reads until an event matches and returns it.</summary>
    public async Task<JobSse> UntilAsync(Func<JobSse, bool> match, CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } item)
        {
            if (match(item))
            {
                return item;
            }
        }
        throw new InvalidOperationException($"The stream ended first; got: {string.Join(", ", Seen)}");
    }

    /// <summary>Reads to the end of the stream, which must come right after job.finished.</summary>
    public async Task<List<JobSse>> ToEndAsync(CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is not null)
        {
        }
        Assert.True(Seen.Count > 0 && Seen[^1].Name == "job.finished", $"The stream should end with job.finished: {string.Join(", ", Seen)}");
        return Seen;
    }

    public void Dispose()
    {
        _reader?.Dispose();
        response.Dispose();
    }
}
