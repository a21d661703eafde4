using Grains.Models.Providers.Http;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Maps Bedrock's error types, from the <c>x-amzn-ErrorType</c> header or an event-stream exception frame,
/// to the cluster's error kinds. The type wins over the status: ModelNotReadyException arrives as 429 but
/// is a warm-up, not a quota.
/// </summary>
public static class BedrockErrors
{
    public static ModelErrorKind? TryKindOf(string? errorType) => Normalize(errorType) switch
    {
        "throttlingexception" or "toomanyrequestsexception"
            // A service quota (for example tokens per day) behaves like throttling: wait or use another model.
            or "servicequotaexceededexception" => ModelErrorKind.Throttled,
        "modelnotreadyexception" or "serviceunavailableexception" or "internalserverexception"
            or "modeltimeoutexception" or "modelstreamerrorexception" => ModelErrorKind.Transient,
        "validationexception" or "accessdeniedexception" or "resourcenotfoundexception"
            or "unrecognizedclientexception" or "invalidsignatureexception" or "expiredtokenexception"
            or "incompletesignatureexception" or "modelerrorexception" => ModelErrorKind.Permanent,
        _ => null,
    };

    public static ModelErrorKind KindOf(string? errorType, int? statusCode) =>
        TryKindOf(errorType) ?? (statusCode is int status ? ModelCallException.KindOf(status) : ModelErrorKind.Transient);

    public static ModelCallException FromResponse(HttpResponseMessage response, string body, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var headerType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var (bodyType, message) = ProviderErrorBody.Parse(body);
        var type = ShortName(headerType ?? bodyType);
        return new ModelCallException(
            KindOf(type, status),
            $"Bedrock {type ?? "error"} (HTTP {status}): {message ?? response.ReasonPhrase}",
            RetryAfterHeader.From(response, time),
            status);
    }

    public static ModelCallException FromStreamException(string? exceptionType, string? message) =>
        new(KindOf(exceptionType, null), $"Bedrock stream {exceptionType ?? "exception"}: {message}");

    // "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/" -> "ThrottlingException"
    private static string? ShortName(string? type) =>
        type is null ? null : type.Split(':', 2)[0].Split('#')[^1];

    private static string? Normalize(string? type) => ShortName(type)?.ToLowerInvariant();
}
