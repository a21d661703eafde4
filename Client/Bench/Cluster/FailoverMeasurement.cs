using System.Collections.Concurrent;
using System.Diagnostics;
using Grains.Interfaces.Sessions;
using Runtime.Client;
using Runtime.Membership;

namespace Client.Bench.Cluster;

/// <summary>
/// SIGKILL one silo of three and time how long until every session it owned is served again by the survivors, with
/// its whole acknowledged history (reloaded from DynamoDB). Between kills a new silo takes the empty slot.
/// </summary>
internal sealed class FailoverMeasurement(HttpClient http, ClusterBenchSettings settings, LocalCluster cluster, Action<string> log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<IReadOnlyList<KillResult>> RunAsync(ClusterClient client, string sessionPrefix, CancellationToken cancellationToken)
    {
        var sessions = Enumerable.Range(0, ClusterBenchSettings.FailoverSessions).Select(i => $"{sessionPrefix}-{i}").ToList();
        var acknowledged = new ConcurrentDictionary<string, int>(sessions.ToDictionary(s => s, _ => 0));
        var results = new List<KillResult>();
        for (var kill = 1; kill <= settings.Kills; kill++)
        {
            // Slots in turn from the last, so that no one silo's start-up order decides every result.
            var slot = (ClusterBenchSettings.Silos - kill % ClusterBenchSettings.Silos) % ClusterBenchSettings.Silos;
            // A new silo takes the slot the previous kill emptied: every kill is one silo of three.
            if (Enumerable.Range(0, ClusterBenchSettings.Silos).Where(s => cluster[s] is null).ToList() is { Count: > 0 } empty)
            {
                await cluster.StartAsync(empty, cancellationToken);
            }
            await client.RefreshAsync(cancellationToken);
            await TurnOnEveryAsync(sessions, acknowledged, cancellationToken);
            results.Add(await KillAndWatchAsync(kill, slot, client, sessions, acknowledged, cancellationToken));
            var last = results[^1];
            log($"  kill {kill}: {last.Silo} with {last.Sessions} sessions; declared dead after {Ms(last.DeclaredDeadMs)}, all served again after {Ms(last.AllServedMs)}" +
                (last.Unserved + last.Lost > 0 ? $" ({last.Unserved} never answered, {last.Lost} lost turns)" : ""));
        }
        return results;
    }

    /// <summary>One acknowledged turn on every session, through the silos in turn: each session is then active on its owner.</summary>
    private async Task TurnOnEveryAsync(List<string> sessions, ConcurrentDictionary<string, int> acknowledged, CancellationToken cancellationToken)
    {
        var silos = cluster.Running;
        await Parallel.ForEachAsync(sessions.Select((session, i) => (session, i)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                if (await SessionApi.TurnAsync(http, silos[item.i % silos.Count].Process.Url, item.session, token))
                {
                    acknowledged.AddOrUpdate(item.session, 1, (_, count) => count + 1);
                }
            });
    }

    private async Task<KillResult> KillAndWatchAsync(
        int kill, int slot, ClusterClient client, List<string> sessions, ConcurrentDictionary<string, int> acknowledged, CancellationToken cancellationToken)
    {
        var victim = cluster[slot]!;
        var victimAddress = client.Members.Single(m => m.ApiUrl?.TrimEnd('/') == victim.Process.Url.TrimEnd('/') && m.Status == SiloStatus.Active).Silo;
        var its = sessions.Where(s => client.OwnerOf<ISessionGrain>(SessionKey.For(SessionApi.AnonymousTenant, s)) == victimAddress).ToList();
        var survivors = cluster.Running.Where(s => s != victim).Select(s => s.Process.Url).ToList();

        var clock = Stopwatch.StartNew();
        cluster.Kill(slot);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.KillTimeout);
        var declared = WatchMembershipAsync(survivors[0], victimAddress, clock, timeout.Token);
        var served = await Task.WhenAll(its.Select((session, i) => WatchSessionAsync(survivors[i % survivors.Count], session, acknowledged[session], clock, timeout.Token)));
        var declaredDeadMs = await declared;
        cancellationToken.ThrowIfCancellationRequested();
        var times = served.Where(s => s.ServedMs is not null).Select(s => s.ServedMs!.Value).Order().ToArray();
        return new KillResult(kill, victim.Name, its.Count, declaredDeadMs, times,
            Unserved: served.Count(s => s.ServedMs is null && s.LastCount is null),
            Lost: served.Count(s => s.ServedMs is null && s.LastCount is not null));
    }

    private async Task<double?> WatchMembershipAsync(string survivor, SiloAddress victim, Stopwatch clock, CancellationToken timeout)
    {
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                var members = await MembershipViews.ReadAsync(http, survivor, timeout);
                if (!members.Any(m => m.Silo == victim && m.Status == SiloStatus.Active))
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
                await Task.Delay(PollInterval, timeout);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                break;
            }
        }
        return null;
    }

    /// <summary>Polls the session through a survivor until it answers with every acknowledged turn, or the time is up.</summary>
    private async Task<(double? ServedMs, int? LastCount)> WatchSessionAsync(string survivor, string session, int expected, Stopwatch clock, CancellationToken timeout)
    {
        int? last = null;
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                last = await SessionApi.UserMessagesAsync(http, survivor, session, timeout) ?? last;
                if (last >= expected)
                {
                    return (clock.Elapsed.TotalMilliseconds, last);
                }
                await Task.Delay(PollInterval, timeout);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                break;
            }
        }
        return (null, last);
    }

    private static string Ms(double? value) => value is { } ms ? $"{ms:0} ms" : "-";
}
