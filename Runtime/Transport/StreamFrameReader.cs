using System.Buffers;

namespace Runtime.Transport;

/// <summary>Splits a stream body into frames: one tag byte, a JSON payload, a newline.</summary>
internal static class StreamFrameReader
{
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out byte tag, out ReadOnlySequence<byte> payload)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            tag = 0;
            payload = default;
            return false;
        }
        var frame = buffer.Slice(0, newline.Value);
        tag = frame.FirstSpan[0];
        payload = frame.Slice(1);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }
}
