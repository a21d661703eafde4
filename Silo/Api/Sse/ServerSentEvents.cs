using System.Buffers;
using System.Text;

namespace Silo.Api.Sse;

/// <summary>Writes Server-Sent Events straight to the response pipe, flushing each event so it leaves at once.</summary>
internal static class ServerSentEvents
{
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Serializes <paramref name="value"/> (snake_case, as OpenAI) as an event's data.</summary>
    public static void WriteJson<T>(IBufferWriter<byte> output, T value)
    {
        using var writer = new System.Text.Json.Utf8JsonWriter(output);
        System.Text.Json.JsonSerializer.Serialize(writer, value, Json);
    }

    public static void Start(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx would otherwise buffer the stream and defeat it.
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes one event whose data is produced by <paramref name="writeData"/> (one line of JSON).</summary>
    public static ValueTask<System.IO.Pipelines.FlushResult> WriteAsync(
        HttpResponse response, string? eventName, Action<IBufferWriter<byte>> writeData, CancellationToken cancellationToken, int? id = null)
    {
        var output = response.BodyWriter;
        if (id is not null)
        {
            // Lets EventSource resume with Last-Event-ID after a reconnect.
            output.Write(Encoding.UTF8.GetBytes($"id: {id}\n"));
        }
        if (eventName is not null)
        {
            output.Write(EventPrefix);
            output.Write(Encoding.UTF8.GetBytes(eventName));
            output.Write("\n"u8);
        }
        output.Write(DataPrefix);
        writeData(output);
        output.Write(EventEnd);
        return output.FlushAsync(cancellationToken);
    }
}
