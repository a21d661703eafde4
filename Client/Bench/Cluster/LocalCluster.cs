using Client.Bench.Hosting;
using Runtime.Membership;

namespace Client.Bench.Cluster;

/// <summary>
/// The bench's cluster on this machine: slots for <see cref="ClusterBenchSettings.Silos"/> silo processes sharing one
/// DynamoDB (DynamoDB Local started here unless --dynamodb names one) through tables of their own. Everything it
/// started is stopped by pid when it is disposed.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan AgreementTimeout = TimeSpan.FromSeconds(30);

    private readonly ClusterBenchSettings _settings;
    private readonly string _siloDll;
    private readonly string _membershipTable;
    private readonly string _stateTable;
    private readonly ClusterSilo?[] _slots = new ClusterSilo?[ClusterBenchSettings.Silos];
    private readonly List<ClusterSilo> _everyStarted = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    private LocalCluster(ClusterBenchSettings settings, string siloDll, string dynamoDbUrl, DynamoDbLocalProcess? dynamoDb, string run)
    {
        _settings = settings;
        _siloDll = siloDll;
        DynamoDbUrl = dynamoDbUrl;
        DynamoDb = dynamoDb;
        // Tables of its own: a DynamoDB given with --dynamodb may hold another cluster's members.
        _membershipTable = $"bench-cluster-{run}-members";
        _stateTable = $"bench-cluster-{run}-state";
    }

    public string DynamoDbUrl { get; }

    /// <summary>The DynamoDB Local this bench started, or null when it uses one given with --dynamodb.</summary>
    public DynamoDbLocalProcess? DynamoDb { get; }

    public ClusterSilo? this[int slot] => _slots[slot];

    /// <summary>The silos that are up, in slot order.</summary>
    public IReadOnlyList<ClusterSilo> Running => [.. _slots.OfType<ClusterSilo>().Where(s => !s.Process.HasExited)];

    public static async Task<LocalCluster> CreateAsync(ClusterBenchSettings settings, string run, Action<string> log, CancellationToken cancellationToken)
    {
        DynamoDbLocalProcess? dynamo = null;
        string url;
        if (settings.DynamoDbUrl is { } given)
        {
            url = given;
            if (!await DynamoDbLocalProcess.IsListeningAsync(new Uri(given), cancellationToken))
            {
                throw new InvalidOperationException($"Nothing answers at {given} (--dynamodb); start DynamoDB Local there or leave --dynamodb out to let the bench start one.");
            }
        }
        else
        {
            dynamo = await DynamoDbLocalProcess.StartAsync(cancellationToken);
            url = dynamo.Url;
            log($"DynamoDB Local: {url} (pid {dynamo.Pid}, in memory)");
        }
        try
        {
            var dll = await SiloBuild.EnsureAsync(settings.RebuildStaleSilo, log, cancellationToken);
            return new LocalCluster(settings, dll, url, dynamo, run);
        }
        catch
        {
            if (dynamo is not null)
            {
                await dynamo.DisposeAsync();
            }
            throw;
        }
    }

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

    private async Task<ClusterSilo> StartOneAsync(string name, CancellationToken cancellationToken) =>
        new(name, await SiloProcess.StartAsync(_siloDll, _settings.SiloArguments(DynamoDbUrl, _membershipTable, _stateTable, name), cancellationToken));

    public async ValueTask DisposeAsync()
    {
        // Silos before DynamoDB: a silo whose tables vanish under it only logs errors, but that is noise.
        foreach (var silo in _everyStarted)
        {
            await silo.Process.DisposeAsync();
        }
        if (DynamoDb is not null)
        {
            await DynamoDb.DisposeAsync();
        }
        _http.Dispose();
    }
}
