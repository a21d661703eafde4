using Runtime.Activation;
using Runtime.Membership;

namespace Runtime.Diagnostics;

/// <summary>Reads the silo's catalog for the read-outs and the dashboard.</summary>
public sealed class SiloStatistics
{
    private readonly Catalog _catalog;
    private readonly ClusterView _view;
    private readonly TimeProvider _time;

    internal SiloStatistics(Catalog catalog, ClusterView view, TimeProvider time)
    {
        _catalog = catalog;
        _view = view;
        _time = time;
    }

    public SiloReport Local(int hottest = 10)
    {
        var activations = _catalog.Snapshot();
        var self = _view.Self;
        var member = _view.Members.FirstOrDefault(m => m.Silo == self);
        var byType = activations.GroupBy(a => a.GrainId.Type).ToDictionary(g => ShortName(g.Key), g => g.Count());
        var hot = activations
            .Select(a => new HotGrain(ShortName(a.GrainId.Type), a.GrainId.Key, a.Calls,
                a.Calls / Math.Max(1, _time.GetElapsedTime(a.CreatedTimestamp).TotalSeconds)))
            .OrderByDescending(h => h.CallsPerSecond).Take(hottest).ToList();
        return new SiloReport(member?.SiloName ?? self?.Endpoint ?? "starting", self?.Endpoint ?? "", member?.ApiUrl,
            member?.Status ?? SiloStatus.Joining, activations.Count, byType, hot);
    }

    /// <summary>Activations alive now, by grain type (full interface name).</summary>
    public IReadOnlyDictionary<string, int> ActivationsByType() =>
        _catalog.Snapshot().GroupBy(a => a.GrainId.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>"Grains.Interfaces.Sessions.ISessionGrain" reads better as "ISessionGrain" on a dashboard.</summary>
    private static string ShortName(string grainType) => grainType[(grainType.LastIndexOf('.') + 1)..];
}
