using Amazon.Runtime;

namespace Grains.Models.Providers.Credentials;

/// <summary>Fixed credentials, for tests and fakes; production uses <see cref="DefaultAwsCredentialResolver"/>.</summary>
public sealed class StaticAwsCredentialResolver(string accessKeyId, string secretAccessKey, string? sessionToken = null) : IAwsCredentialResolver
{
    public Task<ImmutableCredentials> ResolveAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ImmutableCredentials(accessKeyId, secretAccessKey, sessionToken));
}
