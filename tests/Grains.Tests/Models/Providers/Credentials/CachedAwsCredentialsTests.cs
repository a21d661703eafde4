using Grains.Models.Providers.Credentials;
using TestSupport;

namespace Grains.Tests.Models.Providers.Credentials;

public sealed class CachedAwsCredentialsTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _clock = new();
    private readonly CountingAwsCredentialResolver _resolver = new("AKIDEXAMPLE", "secret");

    [Fact]
    public async Task Calls_within_the_ttl_resolve_once_and_a_call_after_it_resolves_again()
    {
        var cache = new CachedAwsCredentials(_resolver, Ttl, _clock);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("AKIDEXAMPLE", (await cache.GetAsync(CancellationToken.None)).AccessKey);
            _clock.Advance(TimeSpan.FromSeconds(20));
        }
        Assert.Equal(1, _resolver.Calls);

        _clock.Advance(Ttl);
        await cache.GetAsync(CancellationToken.None);
        await cache.GetAsync(CancellationToken.None);

        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_resolution()
    {
        var cache = new CachedAwsCredentials(_resolver, Ttl, _clock);
        _resolver.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync(CancellationToken.None).AsTask()).ToArray();
        _resolver.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, _resolver.Calls);
        Assert.All(results, c => Assert.Same(results[0], c));
    }

    [Fact]
    public async Task A_failed_resolution_is_not_cached()
    {
        var cache = new CachedAwsCredentials(_resolver, Ttl, _clock);
        _resolver.FailuresLeft = 1;

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(CancellationToken.None).AsTask());
        var credentials = await cache.GetAsync(CancellationToken.None);

        Assert.Equal("AKIDEXAMPLE", credentials.AccessKey);
        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public void A_ttl_that_is_not_positive_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachedAwsCredentials(_resolver, TimeSpan.Zero, _clock));
}
