using System.Diagnostics;
using Grains.Interfaces.Diagnostics;
using Runtime.Client;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Hosting;

/// <summary>SIGTERM is how containers and service managers stop a silo; it must drain, flush and exit cleanly.</summary>
public sealed class GracefulShutdownTests
{
    // The silo's promise; the runtime's drain (8 s) and the host's shutdown timeout (9 s) sit inside it.
    private static readonly TimeSpan ExitBudget = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 60_000)]
    public async Task Sigterm_deactivates_grains_and_exits_0_within_10_s()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Combine("grains.db"), ct);
        // A connected client with warm grains: an open HTTP/2 connection must not hold the silo up.
        await using var client = await ClusterClient.ConnectAsync(silo.BaseAddress.ToString(), ct);
        await client.GetGrain<IPingGrain>("x").Ping(1, ct);
        await client.GetGrain<IPingGrain>("y").Ping(1, ct);

        var stopping = Stopwatch.StartNew();
        await silo.TerminateAsync(ct);
        var exitCode = await silo.WaitForExitAsync(ExitBudget, ct);
        stopping.Stop();

        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{silo.Output}");
        Assert.True(stopping.Elapsed < ExitBudget, $"took {stopping.Elapsed}");
        await silo.Output.WaitForAsync(l => l.Contains("Silo stopped: 2 activations deactivated", StringComparison.Ordinal), TimeSpan.FromSeconds(5), ct);
    }

    [Fact(Timeout = 90_000)]
    public async Task Restart_on_the_same_database_keeps_grain_state()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var database = data.Combine("grains.db");
        string firstActivation;

        await using (var first = await SiloProcess.StartAsync(database, ct))
        {
            await using var client = await ClusterClient.ConnectAsync(first.BaseAddress.ToString(), ct);
            var grain = client.GetGrain<IPingGrain>("k");
            var counts = new List<long>();
            for (var i = 1; i <= 3; i++)
            {
                counts.Add((await grain.Ping(i, ct)).Count);
            }
            Assert.Equal([1L, 2L, 3L], counts);
            firstActivation = (await client.GetGrain<IPingGrain>("other").Ping(1, ct)).ActivationId;

            // The ping grain writes its count only when deactivated, so only the shutdown flush can save it.
            await first.TerminateAsync(ct);
            Assert.Equal(0, await first.WaitForExitAsync(ExitBudget, ct));
        }

        await using var second = await SiloProcess.StartAsync(database, ct);
        await using var secondClient = await ClusterClient.ConnectAsync(second.BaseAddress.ToString(), ct);
        var reply = await secondClient.GetGrain<IPingGrain>("k").Ping(4, ct);
        var otherReply = await secondClient.GetGrain<IPingGrain>("other").Ping(2, ct);

        Assert.Equal(4, reply.Count);
        Assert.Equal(2, otherReply.Count);
        Assert.NotEqual(firstActivation, otherReply.ActivationId);
    }
}
