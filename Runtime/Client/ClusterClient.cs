using System.Net.Http.Json;
using Runtime.Hosting;
using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Placement;
using Runtime.Serialization;
using Runtime.Transport;

namespace Runtime.Client;

/// <summary>
/// Calls grains in a cluster from another process. It learns the silos (and their grain transport
/// addresses) from any silo's HTTP API, then sends each call straight to the grain's owner over HTTP/2.
/// </summary>
public sealed class ClusterClient : IGrainFactory, IGrainCallInvoker, IAsyncDisposable
{
    /// <summary>Path, on a silo's HTTP API, of the membership view clients start from.</summary>
    public const string MembersPath = "/api/v1/cluster/members";
    private const int MaxAttempts = 4;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private Uri _gateway;
    private readonly GrainSerializer _serializer;
    private readonly GrainInterfaceRegistry _interfaces = new();
    private readonly IPlacementDirector _placement = new RendezvousPlacementDirector();
    private readonly ClusterView _view = new();
    private readonly GrainTransportClient _transport;
    private readonly HttpClient _http;

    private ClusterClient(Uri gateway, GrainSerializer serializer)
    {
        _gateway = gateway;
        _serializer = serializer;
        _transport = new GrainTransportClient(serializer);
        // Same as the transport: silos are reached directly, never through a proxy.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>The silos this client knows of.</summary>
    public IReadOnlyList<MembershipEntry> Members => _view.Members;

    /// <summary>Connects through the silo at <paramref name="gatewayUrl"/>, e.g. http://127.0.0.1:8080.</summary>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    /// <exception cref="SiloUnavailableException">No silo answers there.</exception>
    public static async Task<ClusterClient> ConnectAsync(string gatewayUrl, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(gatewayUrl, UriKind.Absolute, out var gateway) || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{gatewayUrl}' is not a silo URL; expected something like http://127.0.0.1:8080.", nameof(gatewayUrl));
        }
        var client = new ClusterClient(gateway, new GrainSerializer());
        try
        {
            await client.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Re-reads the membership view from the gateway silo, or, if it is gone, from another silo it knows.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var candidates = _view.Members.Where(m => m.Status == SiloStatus.Active && m.ApiUrl is not null)
            .Select(m => new Uri(m.ApiUrl!)).Prepend(_gateway).Distinct().ToList();
        SiloUnavailableException? failure = null;
        foreach (var candidate in candidates)
        {
            try
            {
                await RefreshFromAsync(candidate, cancellationToken).ConfigureAwait(false);
                _gateway = candidate;
                return;
            }
            catch (SiloUnavailableException exception)
            {
                failure = exception;
            }
        }
        throw failure!;
    }

    private async Task RefreshFromAsync(Uri gateway, CancellationToken cancellationToken)
    {
        IReadOnlyList<MembershipEntry>? members;
        try
        {
            members = await _http.GetFromJsonAsync<List<MembershipEntry>>(new Uri(gateway, MembersPath), _serializer.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            throw new SiloUnavailableException($"Cannot reach a silo at {gateway}: {exception.Message}", exception);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new SiloUnavailableException($"{gateway} did not answer like a silo: {exception.Message}", exception);
        }
        _view.Update(members ?? []);
        if (_view.ActiveSilos.Count == 0)
        {
            throw new SiloUnavailableException($"The silo at {gateway} reports no active silo.");
        }
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var metadata = _interfaces.Get(typeof(TGrainInterface));
        return GrainReferenceProxy.Create<TGrainInterface>(new GrainId(metadata.Name, key), metadata, this);
    }

    /// <summary>The silo this client sends the grain's calls to: its owner in the client's current membership view.</summary>
    public SiloAddress OwnerOf<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Owner(new GrainId(_interfaces.Get(typeof(TGrainInterface)).Name, key));
    }

    /// <summary>
    /// A reference whose calls all enter the cluster at <paramref name="entry"/>. A silo that does not own the grain
    /// relays the call to the owner, as it does for a client whose view is out of date; nothing is retried elsewhere.
    /// For measuring that relay, and for reaching a grain through one chosen silo.
    /// </summary>
    public TGrainInterface GetGrainThrough<TGrainInterface>(string key, SiloAddress entry) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entry);
        var metadata = _interfaces.Get(typeof(TGrainInterface));
        return GrainReferenceProxy.Create<TGrainInterface>(new GrainId(metadata.Name, key), metadata, new EntrySiloInvoker(_transport, entry));
    }

    async Task<T> IGrainCallInvoker.InvokeAsync<T>(GrainId target, GrainMethod method, object?[] arguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _transport.InvokeAsync<T>(Owner(target), target, method, arguments).ConfigureAwait(false);
            }
            catch (SiloUnavailableException) when (attempt < MaxAttempts)
            {
                // The owner died or left: learn the new membership and send the call to the new owner.
                await Task.Delay(RetryDelay * attempt).ConfigureAwait(false);
                await RefreshAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>As for calls: a stream whose owner died or left is sent to the new owner, if no item has arrived yet.</summary>
    IAsyncEnumerable<T> IGrainCallInvoker.InvokeStream<T>(GrainId target, GrainMethod method, object?[] arguments) =>
        RetryBeforeFirstItem.Enumerate(
            () => _transport.InvokeStream<T>(Owner(target), target, method, arguments),
            async (attempt, cancellationToken) =>
            {
                await Task.Delay(RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
                await RefreshAsync().ConfigureAwait(false);
                return true;
            },
            MaxAttempts);

    public ValueTask DisposeAsync()
    {
        _transport.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private SiloAddress Owner(GrainId target) => _placement.SelectOwner(target, _view.ActiveSilos);
}
