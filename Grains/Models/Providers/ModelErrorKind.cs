namespace Grains.Models.Providers;

/// <summary>How the retry layer treats a failed call.</summary>
public enum ModelErrorKind
{
    /// <summary>The provider's quota: wait as told (retry-after) or, better, move to a fallback model.</summary>
    Throttled,

    /// <summary>Worth retrying with backoff: 5xx, timeouts, a broken connection or stream.</summary>
    Transient,

    /// <summary>Retrying cannot help: bad request, auth, unknown model (4xx other than 408/429).</summary>
    Permanent,
}
