using Grains.Models.Providers.Http;
namespace Grains.Models.Providers.Anthropic;

/// <summary>Maps Anthropic API errors (HTTP status and <c>error.type</c>) to the cluster's error kinds.</summary>
public static class AnthropicErrors
{
    /// <summary>Anthropic's "overloaded" status: capacity, so it is handled like throttling (wait or fall back).</summary>
    public const int Overloaded = 529;

    public static ModelErrorKind KindOf(string? errorType, int? statusCode) => errorType switch
    {
        "rate_limit_error" or "overloaded_error" => ModelErrorKind.Throttled,
        "api_error" or "timeout_error" => ModelErrorKind.Transient,
        "invalid_request_error" or "authentication_error" or "permission_error" or "not_found_error"
            or "request_too_large" or "billing_error" => ModelErrorKind.Permanent,
        _ => statusCode switch
        {
            Overloaded => ModelErrorKind.Throttled,
            int status => ModelCallException.KindOf(status),
            // An error event inside a stream carries no status and an unknown type: the stream broke, try again.
            null => ModelErrorKind.Transient,
        },
    };

    public static ModelCallException FromResponse(HttpResponseMessage response, string body, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var (type, message) = ProviderErrorBody.Parse(body);
        return new ModelCallException(
            KindOf(type, status),
            $"Anthropic {type ?? "error"} (HTTP {status}): {message ?? response.ReasonPhrase}",
            RetryAfterHeader.From(response, time),
            status);
    }
}
