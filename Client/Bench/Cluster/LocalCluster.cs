using Client.Bench.Hosting;
using Runtime.Membership;

namespace Client.Bench.Cluster;

/// <summary>
/// One cluster of the bench on this machine: slots for <see cref="ClusterBenchSettings.Silos"/> silo processes sharing
/// one DynamoDB through tables of their own. Every silo it started is stopped by pid when it is disposed.
/// </summary>
internal sealed class LocalCluster(ClusterBenchSettings settings, string siloDll, string dynamoDbUrl, string tablePrefix, bool testSizedDetection) : IAsyncDisposable
{
    private static readonly TimeSpan AgreementTimeout = TimeSpan.FromSeconds(30);

    private readonly ClusterSilo?[] _slots = new ClusterSilo?[ClusterBenchSettings.Silos];
    private readonly List<ClusterSilo> _everyStarted = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    public ClusterSilo? this[int slot] => _slots[slot];

    /// <summary>The silos that are up, in slot order.</summary>
    public IReadOnlyList<ClusterSilo> Running => [.. _slots.OfType<ClusterSilo>().Where(s => !s.Process.HasExited)];

    /// <summary>Starts a silo in each of <paramref name="slots"/> at once, then waits until all running silos agree on who is active.</summary>
    public async Task<IReadOnlyList<MembershipEntry>> StartAsync(IReadOnlyList<int> slots, CancellationToken cancellationToken)
    {
        var first = _everyStarted.Count + 1;
        var starting = slots.Select((_, i) => StartOneAsync($"silo-{first + i}", cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // Every silo that did start is stopped on dispose, even when another failed to start.
            _everyStarted.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
        for (var i = 0; i < slots.Count; i++)
        {
            _slots[slots[i]] = starting[i].Result;
        }
        return await WaitUntilAgreedAsync(cancellationToken);
    }

    public Task<IReadOnlyList<MembershipEntry>> WaitUntilAgreedAsync(CancellationToken cancellationToken) =>
        MembershipViews.WaitUntilAgreedAsync(_http, [.. Running.Select(s => s.Process.Url)], AgreementTimeout, cancellationToken);

    /// <summary>SIGKILLs the silo in <paramref name="slot"/>, as a crash would end it; the slot is then empty.</summary>
    public ClusterSilo Kill(int slot)
    {
        var silo = _slots[slot] ?? throw new InvalidOperationException($"Slot {slot} has no silo to kill.");
        silo.Process.Kill();
        _slots[slot] = null;
        return silo;
    }

    private async Task<ClusterSilo> StartOneAsync(string name, CancellationToken cancellationToken)
    {
        // Tables of its own: each cluster of the bench starts empty, and a DynamoDB given with --dynamodb may hold others.
        var arguments = settings.SiloArguments(dynamoDbUrl, $"{tablePrefix}-members", $"{tablePrefix}-state", name, testSizedDetection);
        return new(name, await SiloProcess.StartAsync(siloDll, arguments, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _everyStarted)
        {
            await silo.Process.DisposeAsync();
        }
        _http.Dispose();
    }
}
