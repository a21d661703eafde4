namespace Silo.Tests.Infrastructure;

/// <summary>A stream that cannot tell its length, so HttpClient must send it chunked.</summary>
internal sealed class ChunkedOnlyStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
