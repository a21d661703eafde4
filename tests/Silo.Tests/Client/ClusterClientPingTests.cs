using Grains.Interfaces.Diagnostics;
using Runtime.Client;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Client;

/// <summary>The cluster client library, in this process, against a silo in another.</summary>
public sealed class ClusterClientPingTests
{
    [Fact(Timeout = 60_000)]
    public async Task Ping_reaches_the_grain_and_counts_per_key()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct);
        await using var client = await ClusterClient.ConnectAsync(silo.BaseAddress.ToString(), ct);

        var a = client.GetGrain<IPingGrain>("a");
        var first = await a.Ping(1, ct);
        var second = await a.Ping(2, ct);
        var other = await client.GetGrain<IPingGrain>("b").Ping(7, ct);

        Assert.Equal((1, 1L), (first.Sequence, first.Count));
        Assert.Equal((2, 2L), (second.Sequence, second.Count));
        Assert.Equal((7, 1L), (other.Sequence, other.Count));
        Assert.Equal(first.ActivationId, second.ActivationId);
        Assert.NotEqual(first.ActivationId, other.ActivationId);
        var member = Assert.Single(client.Members);
        Assert.Equal(member.Silo.Endpoint, first.SiloEndpoint);
        Assert.Equal(member.SiloName, first.SiloName);
    }
}
