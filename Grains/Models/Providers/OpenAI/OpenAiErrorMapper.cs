using System.Net;
using System.Text.Json;
using Grains.Models.Providers.Http;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// HTTP and network failures to <see cref="ModelCallException"/>. Error bodies are not copied into messages:
/// servers echo request fragments (and sometimes the key) in them; only OpenAI's short type/code are kept.
/// </summary>
internal static class OpenAiErrorMapper
{
    /// <summary>The exception to throw instead of <paramref name="error"/>, or null to let it through unchanged.</summary>
    public static Exception? Translate(Exception error, string model, CancellationToken cancellationToken)
    {
        if (error is ModelCallException)
        {
            return null;
        }

        // The caller's own cancellation is not a model failure; it can surface as an IOException when the
        // connection is torn down under a read, so normalise it.
        if (cancellationToken.IsCancellationRequested)
        {
            return error is OperationCanceledException ? null : new OperationCanceledException($"The call to OpenAI model '{model}' was cancelled.", error, cancellationToken);
        }

        return error switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } =>
                Transient($"Could not reach the endpoint of OpenAI model '{model}'.", error),
            HttpRequestException or IOException => Transient($"The connection to OpenAI model '{model}' broke.", error),
            // Not the caller's (checked above), so the client's timeout fired.
            OperationCanceledException => Transient($"The call to OpenAI model '{model}' timed out.", error),
            JsonException => Transient($"OpenAI model '{model}' returned a malformed response.", error),
            _ => null,
        };
    }

    public static ModelCallException FromResponse(string model, HttpResponseMessage response, string body, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var kind = ModelCallException.KindOf(status);
        var retryAfter = RetryAfterHeader.From(response, time);
        var detail = ErrorCodeOf(body);
        var message = $"OpenAI model '{model}' answered HTTP {status} ({kind}){(detail is null ? "" : $": {detail}")}.";
        return new ModelCallException(kind, message, retryAfter, status);
    }

    private static ModelCallException Transient(string message, Exception inner) =>
        new(ModelErrorKind.Transient, message, inner: inner);

    /// <summary>OpenAI's <c>error.type</c> and <c>error.code</c>: fixed vocabulary, safe to log.</summary>
    private static string? ErrorCodeOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var parts = new[] { "type", "code" }
                .Select(name => error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                .Where(IsToken)
                .Distinct();
            var joined = string.Join("/", parts);
            return joined.Length == 0 ? null : joined;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Codes look like "rate_limit_exceeded"; anything else might be free text from the server.
    private static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
