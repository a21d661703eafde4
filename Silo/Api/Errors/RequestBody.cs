using System.Text.Json;

namespace Silo.Api.Errors;

/// <summary>Reads a JSON request body with a size limit; malformed or oversized bodies become clear 4xx errors.</summary>
internal static class RequestBody
{
    public static async Task<JsonDocument> ReadJsonAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw new ApiRequestException("The request body is empty; send a JSON object.");
        }
        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException exception)
        {
            throw new ApiRequestException($"The request body is not valid JSON: {exception.Message}");
        }
    }

    private static ApiRequestException TooLarge(long maxBytes) =>
        new($"The request body is larger than the {maxBytes} bytes allowed (Api:MaxRequestBytes).", status: StatusCodes.Status413PayloadTooLarge);
}
