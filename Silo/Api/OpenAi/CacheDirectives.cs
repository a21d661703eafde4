using Silo.Api.Errors;

namespace Silo.Api.OpenAi;

/// <summary>The request's say over caching: <c>Cache-Control: no-cache</c> / <c>no-store</c> and <c>X-Cache-Semantic: on | off</c>.</summary>
internal sealed record CacheDirectives(bool NoLookup, bool NoStore, bool? Semantic)
{
    public static readonly CacheDirectives None = new(false, false, null);

    public static CacheDirectives From(HttpRequest request)
    {
        var control = request.Headers.CacheControl.ToString();
        var semantic = request.Headers["X-Cache-Semantic"].ToString().Trim().ToLowerInvariant() switch
        {
            "" => (bool?)null,
            "on" => true,
            "off" => false,
            var other => throw new ApiRequestException($"X-Cache-Semantic must be 'on' or 'off', not '{other}'.", "X-Cache-Semantic"),
        };
        return new CacheDirectives(
            control.Contains("no-cache", StringComparison.OrdinalIgnoreCase),
            control.Contains("no-store", StringComparison.OrdinalIgnoreCase),
            semantic);
    }
}
