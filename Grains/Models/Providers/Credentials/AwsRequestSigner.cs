using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Grains.Models.Providers.Credentials;

/// <summary>
/// Signs an outgoing request with SigV4 (AWSSDK.Core's signer) using cached credentials. The signing time
/// comes from the injected clock so tests are deterministic.
/// </summary>
public sealed class AwsRequestSigner(CachedAwsCredentials credentials, string region, string service, TimeProvider time)
{
    private readonly RegionEndpoint _region = RegionEndpoint.GetBySystemName(region);

    public string Region => region;

    public async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        // Buffering is fine: model requests are small JSON bodies, and the payload hash needs every byte.
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri,
            Content = body,
        };
        var parameters = new AWSSigV4Parameters
        {
            Credentials = current.UseToken
                ? new SessionAWSCredentials(current.AccessKey, current.SecretKey, current.Token)
                : new BasicAWSCredentials(current.AccessKey, current.SecretKey),
            Region = _region,
            Service = service,
            SignedAt = time.GetUtcNow().UtcDateTime,
        };
        var signed = await AWSSigV4Signer.SignAsync(signingRequest, parameters, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
