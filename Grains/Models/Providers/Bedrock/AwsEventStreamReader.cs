using System.Buffers;
using System.Runtime.CompilerServices;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.EventStreams.Internal;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Reads <c>application/vnd.amazon.eventstream</c> frames as they arrive, using AWSSDK.Core's decoder
/// (which checks both CRCs). A transport failure surfaces from the read as an IOException.
/// </summary>
public static class AwsEventStreamReader
{
    public static async IAsyncEnumerable<EventStreamMessage> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoded = new Queue<EventStreamMessage>();
        using var decoder = new EventStreamDecoder();
        decoder.MessageReceived += (_, e) => decoded.Enqueue(e.Message);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    yield break;
                }
                decoder.ProcessData(buffer, 0, read);
                while (decoded.TryDequeue(out var message))
                {
                    yield return message;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string? Header(EventStreamMessage message, string name) =>
        message.Headers is not null && message.Headers.TryGetValue(name, out var header) ? header.AsString() : null;
}
