using Grains.Interfaces.Diagnostics;
using Grains.Interfaces.Sessions;
using Runtime.Client;
using Runtime.Membership;

namespace Client.Bench.Cluster;

/// <summary>
/// The cost of a forwarded call against a direct one, measured two ways: a grain call from the cluster client, sent
/// to the grain's owner or to another silo whose transport relays it (one more hop); and a session read on the HTTP
/// API of the owner (the call stays in the silo) or of another silo (which calls the owner over the transport).
/// </summary>
internal sealed class ForwardingMeasurement(HttpClient http, ClusterBenchSettings settings)
{
    private int WarmupPairs => Math.Max(10, settings.Calls / 4);

    public Task<ForwardingResult> GrainCallsAsync(ClusterClient client, string keyPrefix, CancellationToken cancellationToken)
    {
        var active = ActiveSilos(client);
        var keys = Enumerable.Range(0, ClusterBenchSettings.ForwardingKeys).Select(k => $"{keyPrefix}-{k}").ToList();
        var owners = keys.Select(client.OwnerOf<IPingGrain>).ToList();
        var direct = keys.Select(client.GetGrain<IPingGrain>).ToList();
        var relayed = keys.Select((key, i) => client.GetGrainThrough<IPingGrain>(key, OtherThan(active, owners[i]))).ToList();
        return PairedTimer.RunAsync(ClusterBenchResults.GrainCall, WarmupPairs, settings.Calls,
            i => PingAsync(direct[i % keys.Count], owners[i % keys.Count], i, cancellationToken),
            i => PingAsync(relayed[i % keys.Count], owners[i % keys.Count], i, cancellationToken),
            cancellationToken);
    }

    public async Task<ForwardingResult> SessionReadsAsync(ClusterClient client, string sessionPrefix, CancellationToken cancellationToken)
    {
        var active = ActiveSilos(client);
        var apiUrlOf = client.Members.Where(m => m.ApiUrl is not null).ToDictionary(m => m.Silo, m => m.ApiUrl!);
        var sessions = Enumerable.Range(0, ClusterBenchSettings.ForwardingKeys).Select(k => $"{sessionPrefix}-{k}").ToList();
        var owners = sessions.Select(s => client.OwnerOf<ISessionGrain>(SessionKey.For(SessionApi.AnonymousTenant, s))).ToList();
        var direct = sessions.Select((s, i) => SessionApi.SessionUri(apiUrlOf[owners[i]], s)).ToList();
        var relayed = sessions.Select((s, i) => SessionApi.SessionUri(apiUrlOf[OtherThan(active, owners[i])], s)).ToList();
        for (var i = 0; i < sessions.Count; i++)
        {
            // One turn each, so that every read returns the same small history.
            if (!await SessionApi.TurnAsync(http, apiUrlOf[owners[i]], sessions[i], cancellationToken))
            {
                throw new InvalidOperationException($"The first turn of session {sessions[i]} was not acknowledged.");
            }
        }
        return await PairedTimer.RunAsync(ClusterBenchResults.SessionRead, WarmupPairs, settings.Calls,
            i => ReadAsync(direct[i % sessions.Count], cancellationToken),
            i => ReadAsync(relayed[i % sessions.Count], cancellationToken),
            cancellationToken);
    }

    private static async Task PingAsync(IPingGrain grain, SiloAddress owner, int sequence, CancellationToken cancellationToken)
    {
        var reply = await grain.Ping(sequence, cancellationToken);
        if (reply.SiloEndpoint != owner.Endpoint)
        {
            // Direct and forwarded calls must both end on the owner, or the comparison compares something else.
            throw new InvalidDataException($"A ping ran on {reply.SiloEndpoint}, not on its owner {owner.Endpoint}.");
        }
    }

    private async Task ReadAsync(Uri session, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(session, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static List<SiloAddress> ActiveSilos(ClusterClient client) =>
        [.. client.Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo).OrderBy(s => s.Endpoint, StringComparer.Ordinal)];

    /// <summary>The next active silo after <paramref name="owner"/>: a silo that does not own the grain, spread evenly over the others.</summary>
    private static SiloAddress OtherThan(List<SiloAddress> active, SiloAddress owner) => active[(active.IndexOf(owner) + 1) % active.Count];
}
