using Runtime.Client;
using Runtime.Membership;
using Runtime.Placement;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;
using TestSupport;

namespace Runtime.Tests.Placement;

public sealed class MultiSiloTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMembershipTable _membership = new();
    private readonly TestProbe _probe = new();
    private TestSilo _first = null!;
    private TestSilo _second = null!;

    public async ValueTask InitializeAsync()
    {
        _first = await TestSilo.StartAsync(time: _time, probe: _probe, membership: _membership);
        _second = await TestSilo.StartAsync(time: _time, probe: _probe, membership: _membership);
        // One heartbeat period: the first silo re-reads the table and sees the second.
        _time.Advance(TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_call_for_a_grain_owned_by_another_silo_runs_on_its_owner()
    {
        var director = new RendezvousPlacementDirector();
        var silos = new[] { _first.Address, _second.Address };
        var ranOn = new HashSet<string>();

        for (var i = 0; i < 20; i++)
        {
            var key = $"grain-{i}";
            var owner = director.SelectOwner(new GrainId(typeof(ICopyGrain).FullName!, key), silos);
            var where = await _first.GrainFactory.GetGrain<ICopyGrain>(key).WhereAmI();
            Assert.Equal(owner.Endpoint, where);
            Assert.Equal(owner.Endpoint, await _second.GrainFactory.GetGrain<ICopyGrain>(key).WhereAmI());
            ranOn.Add(where);
        }

        Assert.Equal(2, ranOn.Count);
    }

    [Fact]
    public async Task A_client_sends_each_call_to_the_owner_it_computes_from_the_membership_view()
    {
        await using var client = await ClusterClient.ConnectAsync(_first.ApiUrl);
        Assert.Equal(2, client.Members.Count(m => m.Status == SiloStatus.Active));
        var director = new RendezvousPlacementDirector();

        for (var i = 0; i < 10; i++)
        {
            var key = $"client-{i}";
            var owner = director.SelectOwner(new GrainId(typeof(ICopyGrain).FullName!, key), [_first.Address, _second.Address]);
            Assert.Equal(owner.Endpoint, await client.GetGrain<ICopyGrain>(key).WhereAmI());
        }
    }

    [Fact]
    public async Task A_client_whose_view_is_stale_sends_a_call_again_to_the_new_owner()
    {
        await using var client = await ClusterClient.ConnectAsync(_first.ApiUrl);
        var key = KeyOwnedBySecond<ICopyGrain>();
        await StopSecondAsync();

        var ranOn = await client.GetGrain<ICopyGrain>(key).WhereAmI();

        Assert.Equal(_first.Address.Endpoint, ranOn);
        Assert.Equal([_first.Address], client.Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo));
    }

    [Fact]
    public async Task A_client_whose_view_is_stale_sends_a_stream_again_to_the_new_owner_before_its_first_item()
    {
        await using var client = await ClusterClient.ConnectAsync(_first.ApiUrl);
        var key = KeyOwnedBySecond<IStreamGrain>();
        await StopSecondAsync();
        _probe.Signal($"item:{key}:0");
        _probe.Signal($"item:{key}:1");

        var items = await client.GetGrain<IStreamGrain>(key).Gated(2).ToListAsync();

        Assert.Equal([0, 1], items);
        Assert.Equal([_first.Address], client.Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo));
    }

    private string KeyOwnedBySecond<TGrain>()
    {
        var director = new RendezvousPlacementDirector();
        return Enumerable.Range(0, 100).Select(i => $"moving-{i}").First(key =>
            director.SelectOwner(new GrainId(typeof(TGrain).FullName!, key), [_first.Address, _second.Address]) == _second.Address);
    }

    /// <summary>The second silo leaves; the first learns it at its next heartbeat, a client only when a call fails.</summary>
    private async Task StopSecondAsync()
    {
        await _second.StopAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_call_entering_the_cluster_at_a_silo_that_does_not_own_the_grain_is_relayed_to_its_owner()
    {
        await using var client = await ClusterClient.ConnectAsync(_first.ApiUrl);
        var director = new RendezvousPlacementDirector();
        var owners = new HashSet<SiloAddress>();

        for (var i = 0; i < 10; i++)
        {
            var key = $"through-{i}";
            var owner = client.OwnerOf<ICopyGrain>(key);
            Assert.Equal(director.SelectOwner(new GrainId(typeof(ICopyGrain).FullName!, key), [_first.Address, _second.Address]), owner);
            var entry = owner == _first.Address ? _second.Address : _first.Address;
            Assert.Equal(owner.Endpoint, await client.GetGrainThrough<ICopyGrain>(key, entry).WhereAmI());
            owners.Add(owner);
        }

        Assert.Equal(2, owners.Count);
    }

    [Fact]
    public async Task A_reference_through_a_chosen_silo_sends_its_calls_there_and_nowhere_else()
    {
        await using var client = await ClusterClient.ConnectAsync(_first.ApiUrl);
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var nobody = new SiloAddress($"127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}", 1);
        listener.Stop();

        await Assert.ThrowsAsync<Runtime.Hosting.SiloUnavailableException>(() => client.GetGrainThrough<ICopyGrain>("nowhere", nobody).WhereAmI());
        Assert.Equal(client.OwnerOf<ICopyGrain>("nowhere").Endpoint, await client.GetGrain<ICopyGrain>("nowhere").WhereAmI());
    }

    [Fact]
    public async Task Stateless_workers_always_run_on_the_calling_silo()
    {
        for (var i = 0; i < 6; i++)
        {
            _probe.Signal($"release:local-{i}");
            var reply = await _second.GrainFactory.GetGrain<IWorkerGrain>($"w-{i}").Work($"local-{i}");
            Assert.Equal(_second.Address.Endpoint, reply.Silo);
        }
    }
}
