using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;

namespace Grains.Models.Providers.OpenAI;

/// <summary>
/// SDK and network failures to <see cref="ModelCallException"/>. Error bodies are not copied into messages:
/// servers echo request fragments (and sometimes the key) in them; only OpenAI's short type/code are kept.
/// </summary>
internal static class OpenAiErrorMapper
{
    /// <summary>The exception to throw instead of <paramref name="error"/>, or null to let it through unchanged.</summary>
    public static Exception? Translate(Exception error, string model, DateTimeOffset now, CancellationToken cancellationToken)
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
            ClientResultException { Status: > 0 } http => FromResponse(model, http.Status, http.GetRawResponse(), now),
            // Status 0: no response at all (connection refused, reset, DNS); the SDK wraps the network error.
            ClientResultException network => Transient($"Could not reach the endpoint of OpenAI model '{model}'.", network.InnerException ?? network),
            HttpRequestException or IOException => Transient($"The connection to OpenAI model '{model}' broke.", error),
            // Not the caller's (checked above), so the SDK's network timeout fired.
            OperationCanceledException => Transient($"The call to OpenAI model '{model}' timed out.", error),
            JsonException => Transient($"OpenAI model '{model}' returned a malformed response.", error),
            _ => null,
        };
    }

    private static ModelCallException FromResponse(string model, int status, PipelineResponse? response, DateTimeOffset now)
    {
        var kind = ModelCallException.KindOf(status);
        var retryAfter = response is null ? null : OpenAiRetryAfter.Parse(response.Headers, now);
        var detail = response is null ? null : ErrorCodeOf(response);
        var message = $"OpenAI model '{model}' answered HTTP {status} ({kind}){(detail is null ? "" : $": {detail}")}.";
        return new ModelCallException(kind, message, retryAfter, status);
    }

    private static ModelCallException Transient(string message, Exception inner) =>
        new(ModelErrorKind.Transient, message, inner: inner);

    /// <summary>OpenAI's <c>error.type</c> and <c>error.code</c>: fixed vocabulary, safe to log.</summary>
    private static string? ErrorCodeOf(PipelineResponse response)
    {
        try
        {
            using var body = JsonDocument.Parse(response.Content);
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    // Codes look like "rate_limit_exceeded"; anything else might be free text from the server.
    private static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
