using Amazon.Runtime;

namespace Grains.Models.Providers.Credentials;

/// <summary>
/// Resolves credentials once and reuses them for a time-to-live, so no model call pays for a credential
/// lookup (the seed reports fetched secrets on every request). Concurrent callers share one resolution;
/// a failed resolution is not cached, so the next call tries again.
/// </summary>
public sealed class CachedAwsCredentials
{
    private readonly IAwsCredentialResolver _resolver;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _entry;

    public CachedAwsCredentials(IAwsCredentialResolver resolver, TimeSpan ttl, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        _resolver = resolver;
        _ttl = ttl;
        _time = time;
    }

    public async ValueTask<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _entry)) is { } cached)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_entry) is { } raced)
            {
                return raced;
            }
            var credentials = await _resolver.ResolveAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _entry, new Entry(credentials, _time.GetUtcNow() + _ttl));
            return credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ImmutableCredentials? Fresh(Entry? entry) =>
        entry is not null && _time.GetUtcNow() < entry.ExpiresAt ? entry.Credentials : null;

    // A class, not a record: a record's generated ToString would print the secret key if ever logged.
    private sealed class Entry(ImmutableCredentials credentials, DateTimeOffset expiresAt)
    {
        public ImmutableCredentials Credentials { get; } = credentials;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }
}
