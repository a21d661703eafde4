using System.Buffers;
using System.Text.Json;

namespace Silo.Api.Errors;

/// <summary>Reads a JSON request body with a size limit; malformed or oversized bodies become clear 4xx errors.</summary>
internal static class RequestBody
{
    private const int FirstBufferSize = 4096;
    private const int LargestFirstBuffer = 64 * 1024;

    public static async Task<JsonDocument> ReadJsonAsync(HttpContext context, long maxBytes)
    {
        var declared = context.Request.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        // Read into a pooled buffer (a declared length of up to 64 KiB fits at once) and keep an exact copy: the document holds on
        // to its bytes, and a body costs its own size rather than a fresh read buffer per request.
        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 ? (int)Math.Min(declared.Value + 1, LargestFirstBuffer) : FirstBufferSize);
        var length = 0;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length);
                }
            }
            if (length == 0)
            {
                throw new ApiRequestException("The request body is empty; send a JSON object.");
            }
            return Parse(buffer.AsSpan(0, length).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new ApiRequestException($"The request body is not valid JSON: {exception.Message}");
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static ApiRequestException TooLarge(long maxBytes) =>
        new($"The request body is larger than the {maxBytes} bytes allowed (Api:MaxRequestBytes).", status: StatusCodes.Status413PayloadTooLarge);
}
