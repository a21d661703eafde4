using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runtime.Hosting;

namespace Runtime.Membership;

/// <summary>Keeps this silo's row in the membership table current and the local <see cref="ClusterView"/> fresh.</summary>
internal sealed partial class MembershipService(
    IMembershipTable table,
    ClusterView view,
    TimeProvider time,
    IOptions<ClusterOptions> options,
    ILogger<MembershipService> logger,
    IHostApplicationLifetime? lifetime = null) : IAsyncDisposable
{
    private ITimer? _heartbeat;
    private MembershipEntry? _self;
    private bool _declaredDead;

    public async Task JoinAsync(SiloAddress self, string name, string? apiUrl, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _self = new MembershipEntry(self, name, SiloStatus.Joining, apiUrl, now, now);
        if (!await table.TryInsertAsync(_self, cancellationToken))
        {
            throw new InvalidOperationException($"Silo {self} is already in the membership table.");
        }
        view.Self = self;
        await SetStatusAsync(SiloStatus.Active, cancellationToken);
        var period = options.Value.HeartbeatPeriod;
        _heartbeat = time.CreateTimer(static state => _ = ((MembershipService)state!).HeartbeatAsync(), this, period, period);
        LogJoined(logger, self, name);
    }

    public async Task SetStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        if (_self is null)
        {
            return;
        }
        // The row's ETag guards the change: re-read and retry if someone else (a heartbeat) changed it meanwhile.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var rows = await table.ReadAllAsync(cancellationToken);
            var row = rows.FirstOrDefault(r => r.Entry.Silo == _self.Silo);
            if (row is null)
            {
                return;
            }
            var updated = row.Entry with { Status = status, IAmAliveTime = time.GetUtcNow() };
            if (await table.TryUpdateAsync(updated, row.ETag, cancellationToken))
            {
                _self = updated;
                await RefreshAsync(cancellationToken);
                return;
            }
        }
        throw new InvalidOperationException($"Could not set silo {_self.Silo} to {status}: the membership row kept changing.");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var rows = await table.ReadAllAsync(cancellationToken);
        view.Update([.. rows.Select(r => r.Entry)]);
    }

    /// <summary>
    /// Declares dead, by conditional write, every active silo whose heartbeat is too old; stops this silo if the
    /// others have declared it dead (it must not serve grains that now live elsewhere).
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.HeartbeatPeriod * options.Value.MissedHeartbeatsToDeclareDead;
        var rows = await table.ReadAllAsync(cancellationToken);
        var changed = false;
        foreach (var row in rows)
        {
            if (_self is not null && row.Entry.Silo == _self.Silo)
            {
                if (row.Entry.Status == SiloStatus.Dead && !_declaredDead)
                {
                    _declaredDead = true;
                    LogDeclaredDead(logger, _self.Silo);
                    lifetime?.StopApplication();
                }
                continue;
            }
            if (row.Entry.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown && now - row.Entry.IAmAliveTime > limit
                && await table.TryUpdateAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, cancellationToken))
            {
                LogDeclaredOtherDead(logger, row.Entry.Silo, (now - row.Entry.IAmAliveTime).TotalSeconds);
                changed = true;
            }
        }
        view.Update(changed ? [.. (await table.ReadAllAsync(cancellationToken)).Select(r => r.Entry)] : [.. rows.Select(r => r.Entry)]);
    }

    public ValueTask DisposeAsync()
    {
        _heartbeat?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task HeartbeatAsync()
    {
        if (_self is null)
        {
            return;
        }
        try
        {
            await table.UpdateIAmAliveAsync(_self.Silo, time.GetUtcNow());
            await ProbeAsync();
        }
        catch (Exception exception)
        {
            LogHeartbeatFailed(logger, exception);
        }
    }

    [LoggerMessage(2000, LogLevel.Information, "Silo {Silo} ({Name}) joined the cluster")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo, string name);

    [LoggerMessage(2002, LogLevel.Warning, "Declared silo {Silo} dead: no heartbeat for {Seconds:0.#} s")]
    private static partial void LogDeclaredOtherDead(ILogger logger, SiloAddress silo, double seconds);

    [LoggerMessage(2003, LogLevel.Critical, "This silo ({Silo}) was declared dead by the cluster; it stops serving")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(2001, LogLevel.Warning, "Membership heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
