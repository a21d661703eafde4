using Amazon.Runtime;
using Grains.Models.Providers.Credentials;

namespace Grains.Tests.Models.Providers.Credentials;

/// <summary>Hands out fixed credentials and counts how often it was asked; can be made to fail or to wait.</summary>
public sealed class CountingAwsCredentialResolver(string accessKey, string secretKey, string? sessionToken = null) : IAwsCredentialResolver
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>When set, resolutions wait for it, so a test can pile up concurrent callers.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Failures to throw before resolutions start succeeding.</summary>
    public int FailuresLeft { get; set; }

    public async Task<ImmutableCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("credential source unavailable");
        }
        return new ImmutableCredentials(accessKey, secretKey, sessionToken);
    }
}
