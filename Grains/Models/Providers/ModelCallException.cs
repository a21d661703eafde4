namespace Grains.Models.Providers;

/// <summary>Every provider reports failures as this, so retries and routing need not know the provider.</summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException(ModelErrorKind kind, string message, TimeSpan? retryAfter = null, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        RetryAfter = retryAfter;
        StatusCode = statusCode;
    }

    public ModelErrorKind Kind { get; }

    /// <summary>The provider's retry-after hint, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    public int? StatusCode { get; }

    /// <summary>The usual mapping of an HTTP status to an error kind.</summary>
    public static ModelErrorKind KindOf(int statusCode) => statusCode switch
    {
        429 => ModelErrorKind.Throttled,
        408 or >= 500 => ModelErrorKind.Transient,
        _ => ModelErrorKind.Permanent,
    };
}
