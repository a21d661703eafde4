namespace Grains.Models.Providers.Credentials;

/// <summary>Signs every request that passes through an <see cref="HttpClient"/> with SigV4.</summary>
public sealed class AwsSigningHandler(AwsRequestSigner signer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await signer.SignAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
