using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Placement;
using Runtime.Serialization;
using Runtime.Transport;

namespace Runtime.Activation;

/// <summary>
/// The silo's grain factory: a call runs here when this silo owns the grain (or it is a stateless worker),
/// and goes over the transport to the owner otherwise.
/// </summary>
internal sealed class SiloGrainCallRouter : IGrainFactory, IGrainCallInvoker
{
    private readonly Catalog _catalog;
    private readonly GrainInterfaceRegistry _interfaces;
    private readonly ClusterView _view;
    private readonly IPlacementDirector _placement;
    private readonly GrainTransportClient _transport;
    private readonly LocalGrainInvoker _copying;
    private readonly MembershipService _membership;
    private const int MaxAttempts = 4;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    public SiloGrainCallRouter(
        Catalog catalog, GrainSerializer serializer, GrainInterfaceRegistry interfaces, ClusterView view,
        IPlacementDirector placement, GrainTransportClient transport, MembershipService membership)
    {
        _membership = membership;
        _catalog = catalog;
        _interfaces = interfaces;
        _view = view;
        _placement = placement;
        _transport = transport;
        _copying = new LocalGrainInvoker(catalog, serializer, copyArguments: true);
        Local = new LocalGrainInvoker(catalog, serializer, copyArguments: false);
    }

    /// <summary>Runs calls on this silo without copying arguments; for calls that arrived over the wire.</summary>
    public IGrainCallInvoker Local { get; }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var metadata = _interfaces.Get(typeof(TGrainInterface));
        return GrainReferenceProxy.Create<TGrainInterface>(new GrainId(metadata.Name, key), metadata, this);
    }

    public Task<T> InvokeAsync<T>(GrainId target, GrainMethod method, object?[] arguments) =>
        TryGetRemoteOwner(target, out var owner)
            ? InvokeRemoteAsync<T>(owner, target, method, arguments)
            : _copying.InvokeAsync<T>(target, method, arguments);

    /// <summary>A call racing a membership change (its owner just died or left) is retried on the new owner, not failed.</summary>
    private async Task<T> InvokeRemoteAsync<T>(SiloAddress owner, GrainId target, GrainMethod method, object?[] arguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _transport.InvokeAsync<T>(owner, target, method, arguments).ConfigureAwait(false);
            }
            catch (Hosting.SiloUnavailableException) when (attempt < MaxAttempts)
            {
                await _membership.RefreshAsync().ConfigureAwait(false);
                await Task.Delay(RetryDelay * attempt, _catalog.Time).ConfigureAwait(false);
                if (!TryGetRemoteOwner(target, out owner))
                {
                    return await _copying.InvokeAsync<T>(target, method, arguments).ConfigureAwait(false);
                }
            }
        }
    }

    public IAsyncEnumerable<T> InvokeStream<T>(GrainId target, GrainMethod method, object?[] arguments) =>
        TryGetRemoteOwner(target, out var owner)
            ? InvokeRemoteStream<T>(owner, target, method, arguments)
            : _copying.InvokeStream<T>(target, method, arguments);

    /// <summary>As for calls: a stream whose owner is leaving or gone is retried on the new owner, if no item has arrived yet.</summary>
    private IAsyncEnumerable<T> InvokeRemoteStream<T>(SiloAddress owner, GrainId target, GrainMethod method, object?[] arguments)
    {
        SiloAddress? current = owner;
        return RetryBeforeFirstItem.Enumerate(
            () => current is null
                ? _copying.InvokeStream<T>(target, method, (object?[])arguments.Clone())
                : _transport.InvokeStream<T>(current, target, method, arguments),
            async (attempt, cancellationToken) =>
            {
                if (current is null)
                {
                    return false;
                }
                await _membership.RefreshAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(RetryDelay * attempt, _catalog.Time, cancellationToken).ConfigureAwait(false);
                current = TryGetRemoteOwner(target, out var next) ? next : null;
                return true;
            },
            MaxAttempts);
    }

    /// <summary>True when another active silo owns <paramref name="target"/>; stateless workers always run here.</summary>
    public bool TryGetRemoteOwner(GrainId target, out SiloAddress owner)
    {
        var silos = _view.ActiveSilos;
        var self = _view.Self;
        if (silos.Count <= 1 || self is null || _catalog.IsStatelessWorker(target.Type))
        {
            owner = null!;
            return false;
        }
        owner = _placement.SelectOwner(target, silos);
        return owner != self;
    }
}
