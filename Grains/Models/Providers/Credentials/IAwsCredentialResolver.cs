using Amazon.Runtime;

namespace Grains.Models.Providers.Credentials;

/// <summary>
/// Finds AWS credentials. Resolution can mean file reads or a metadata-service round trip, so callers go
/// through <see cref="CachedAwsCredentials"/> rather than resolving per model call.
/// </summary>
public interface IAwsCredentialResolver
{
    Task<ImmutableCredentials> ResolveAsync(CancellationToken cancellationToken);
}
