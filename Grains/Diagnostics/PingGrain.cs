using Grains.Interfaces.Diagnostics;
using Microsoft.Extensions.Logging;
using Runtime;
using Runtime.Membership;

namespace Grains.Diagnostics;

/// <summary>
/// Counts pings per key. The count is a warm counter: pings only touch memory, and the count reaches storage
/// once, in <see cref="OnDeactivateAsync"/> (idle collection, DeactivateOnIdle or a graceful silo stop). That
/// keeps the ping path free of I/O and makes the grain a direct probe of the silo's flush-on-shutdown promise;
/// a crash loses the pings since the last deactivation, which is acceptable for a diagnostic counter.
/// </summary>
public sealed partial class PingGrain(
    [PersistentState("ping")] IPersistentState<PingState> state,
    ClusterView cluster,
    ILogger<PingGrain> logger) : Grain, IPingGrain
{
    private string _siloName = "";
    private string _siloEndpoint = "";
    private long _unflushed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An activation never moves between silos, so who hosts it is looked up once, not on every ping.
        var self = cluster.Self;
        _siloEndpoint = self?.Endpoint ?? "unknown";
        _siloName = cluster.Members.FirstOrDefault(m => m.Silo == self)?.SiloName ?? _siloEndpoint;
        return Task.CompletedTask;
    }

    public Task<PingReply> Ping(int sequence, CancellationToken cancellationToken = default)
    {
        state.State.Count++;
        _unflushed++;
        return Task.FromResult(new PingReply(sequence, _siloName, _siloEndpoint, GrainContext.ActivationId, state.State.Count));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unflushed == 0)
        {
            return;
        }
        await state.WriteStateAsync(cancellationToken);
        LogFlushed(logger, GetPrimaryKeyString(), _unflushed, state.State.Count, reason.ReasonCode);
        _unflushed = 0;
    }

    [LoggerMessage(4000, LogLevel.Debug, "Ping grain {Key} flushed {Unflushed} pings (count {Count}) on deactivation ({Reason})")]
    private static partial void LogFlushed(ILogger logger, string key, long unflushed, long count, DeactivationReasonCode reason);
}
