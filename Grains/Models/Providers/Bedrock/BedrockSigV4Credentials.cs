using Anthropic.Bedrock;
using Grains.Models.Providers.Credentials;

namespace Grains.Models.Providers.Bedrock;

/// <summary>
/// Signs the Anthropic.Bedrock SDK's requests with our cached credentials. Used instead of the SDK's
/// key/secret credentials type, which in 1.0.6 cannot be given a session token (temporary credentials
/// from roles and SSO) and would need rebuilding whenever credentials rotate.
/// </summary>
public sealed class BedrockSigV4Credentials(AwsRequestSigner signer) : IAnthropicBedrockCredentials
{
    public string Region => signer.Region;

    // The SDK's interface passes no cancellation token; resolution is rare (cached) and bounded by the resolver.
    public Task Apply(HttpRequestMessage requestMessage) => signer.SignAsync(requestMessage, CancellationToken.None);
}
