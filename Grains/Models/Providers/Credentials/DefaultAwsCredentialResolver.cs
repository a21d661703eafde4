using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Grains.Models.Providers.Credentials;

/// <summary>
/// The AWS SDK's default chain: environment variables, shared profile, SSO, web identity, container and
/// instance roles. Temporary credentials keep their session token, which the signer sends along.
/// </summary>
public sealed class DefaultAwsCredentialResolver : IAwsCredentialResolver
{
    public static DefaultAwsCredentialResolver Instance { get; } = new();

    public async Task<ImmutableCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var chain = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).WaitAsync(cancellationToken).ConfigureAwait(false);
            return await chain.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            // A missing or broken credential setup is not fixed by retrying the model call; the SDK's message
            // names the sources it tried, never key material.
            throw new ModelCallException(ModelErrorKind.Permanent, "No usable AWS credentials in the default chain: " + e.Message, inner: e);
        }
    }
}
