using Grains.Models.Configuration;
using Grains.Models.Providers.Credentials;

namespace Grains.Models.Providers.Bedrock;

/// <summary>The signer both Bedrock providers use: one credential cache per client, living as long as it.</summary>
public static class BedrockSigning
{
    public static AwsRequestSigner CreateSigner(string modelId, ModelOptions options, BedrockEndpoint endpoint, IAwsCredentialResolver resolver, TimeProvider time)
    {
        if (options.CredentialTtl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Models:{modelId}:CredentialTtl must be positive.", nameof(options));
        }
        var credentials = new CachedAwsCredentials(resolver, options.CredentialTtl, time);
        return new AwsRequestSigner(credentials, endpoint.Region, BedrockEndpoint.SigningService, time);
    }
}
