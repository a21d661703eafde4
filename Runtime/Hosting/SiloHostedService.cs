using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runtime.Activation;
using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Transport;

namespace Runtime.Hosting;

/// <summary>
/// The silo's lifecycle. Start: open the grain transport, then join the cluster once the host (and its HTTP
/// API, if any) is up. Stop: announce shutting down, refuse new calls, let running calls finish,
/// deactivate every grain (flushing state), close the transport, leave the cluster.
/// </summary>
internal sealed partial class SiloHostedService(
    IServiceProvider services,
    Catalog catalog,
    GrainClassRegistry classes,
    GrainInterfaceRegistry interfaces,
    GrainTransportServer transport,
    MembershipService membership,
    ClusterView view,
    Placement.IPlacementDirector placement,
    TimeProvider time,
    Diagnostics.SiloStatistics statistics,
    IOptions<SiloOptions> siloOptions,
    IOptions<GrainCollectionOptions> collectionOptions,
    ILogger<SiloHostedService> logger) : IHostedLifecycleService
{
    private ITimer? _collector;
    private IDisposable? _observed;
    private SiloAddress? _self;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var grainClass in classes.Classes)
        {
            foreach (var grainInterface in grainClass.GrainClass.GetInterfaces().Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey)))
            {
                interfaces.Get(grainInterface);
            }
        }
        var options = siloOptions.Value;
        var port = await transport.StartAsync(options.TransportHost, options.TransportPort, cancellationToken);
        var advertised = options.AdvertisedHost ?? (options.TransportHost is "*" or "0.0.0.0" ? Environment.MachineName : options.TransportHost);
        _self = new SiloAddress($"{advertised}:{port}", time.GetUtcNow().ToUnixTimeMilliseconds());
        // Grains activated before the silo joins still need to know where they run.
        view.Self = _self;
        view.Changed += MoveGrainsThatChangedOwner;
        var quantum = collectionOptions.Value.CollectionQuantum;
        _collector = time.CreateTimer(static state => ((Catalog)state!).CollectIdle(), catalog, quantum, quantum);
        _observed = Diagnostics.RuntimeInstruments.Observe(statistics);
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var name = siloOptions.Value.Name ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        await membership.JoinAsync(_self!, name, ApiUrl(), cancellationToken);
        LogStarted(logger, name, _self!);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken) =>
        await membership.SetStatusAsync(SiloStatus.ShuttingDown, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _collector?.Dispose();
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(siloOptions.Value.DrainTimeout);
        var activations = catalog.Snapshot().Count;
        try
        {
            await catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the silo is stopping"), drain.Token);
            LogDrained(logger, activations);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(logger, catalog.Snapshot().Count);
        }
        await transport.StopAsync(cancellationToken);
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _observed?.Dispose();
        await membership.SetStatusAsync(SiloStatus.Dead, cancellationToken);
        await membership.DisposeAsync();
    }

    /// <summary>
    /// A grain whose owner changed is deactivated here (its state flushed) and comes back on its new owner at its next
    /// call; calls arriving meanwhile are forwarded there.
    /// </summary>
    private void MoveGrainsThatChangedOwner()
    {
        var self = view.Self;
        var silos = view.ActiveSilos;
        if (self is null || catalog.IsStopping || !silos.Contains(self))
        {
            return;
        }
        var moved = catalog.DeactivateMoved(id => !catalog.IsStatelessWorker(id.Type) && placement.SelectOwner(id, silos) != self);
        if (moved > 0)
        {
            LogMoved(logger, moved, silos.Count);
        }
    }

    /// <summary>The HTTP API's address as others can reach it: a wildcard bind (containers) is replaced by the advertised host.</summary>
    private string? ApiUrl()
    {
        var bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (bound is null || !Uri.TryCreate(bound.Replace("://+", "://wildcard").Replace("://*", "://wildcard"), UriKind.Absolute, out var uri))
        {
            return bound;
        }
        var wildcard = uri.Host is "wildcard" or "0.0.0.0" or "[::]" or "::";
        return wildcard ? new UriBuilder(uri) { Host = siloOptions.Value.AdvertisedHost ?? Environment.MachineName }.Uri.ToString().TrimEnd('/') : bound;
    }

    [LoggerMessage(3000, LogLevel.Information, "Silo {Name} is active; grain transport at {Silo}")]
    private static partial void LogStarted(ILogger logger, string name, SiloAddress silo);

    [LoggerMessage(3003, LogLevel.Information, "Membership changed ({Silos} active silos): {Count} activations moved to their new owners")]
    private static partial void LogMoved(ILogger logger, int count, int silos);

    [LoggerMessage(3001, LogLevel.Information, "Silo stopped: {Count} activations deactivated")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(3002, LogLevel.Warning, "Silo stop timed out with {Count} activations still deactivating")]
    private static partial void LogDrainTimedOut(ILogger logger, int count);
}
