namespace Grains.Models.Providers.Http;

/// <summary>Validates a configured <c>Endpoint</c>: an absolute http(s) URL, or nothing.</summary>
public static class ProviderEndpoint
{
    public static Uri? Parse(string modelId, string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Models:{modelId}:Endpoint must be an absolute http(s) URL.", nameof(endpoint));
        }
        return uri;
    }

    /// <summary>The URL without a trailing slash, so paths can be appended.</summary>
    public static string Base(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
