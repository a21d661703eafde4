using System.Diagnostics;

namespace Client.Bench;

/// <summary>Reads a whole answer into a buffer, noting when its first byte came: how every bench probe times a call.</summary>
internal static class TimedBody
{
    /// <returns>Ticks from <paramref name="started"/> to the first byte (0 for an empty body), and the bytes read.</returns>
    public static async Task<(long FirstByte, int Length)> ReadAsync(
        HttpResponseMessage response, byte[] buffer, long started, CancellationToken cancellationToken)
    {
        await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        long firstByte = 0;
        var length = 0;
        int read;
        while ((read = await content.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            if (firstByte == 0)
            {
                firstByte = Stopwatch.GetTimestamp() - started;
            }
            length += read;
            if (length == buffer.Length)
            {
                throw new InvalidDataException(
                    $"{response.RequestMessage?.RequestUri} answered more than {buffer.Length} bytes; the bench's answers are small.");
            }
        }
        return (firstByte, length);
    }
}
