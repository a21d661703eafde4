using BenchmarkDotNet.Attributes;

namespace Benchmarks;

/// <summary>
/// The two targets of the issue: a local grain call through the silo's IGrainFactory (target: median at
/// most 2 µs) and a client-to-silo call through ClusterClient over loopback HTTP/2 (target: median at most 150 µs).
/// Each benchmark awaits one call to an already active grain.
/// </summary>
[Config(typeof(BenchConfig))]
public class GrainCallBenchmarks
{
    private SiloFixture _silo = null!;
    private IEchoGrain _local = null!;
    private IEchoGrain _remote = null!;
    private EchoRecord _record = null!;

    [GlobalSetup(Targets = [nameof(LocalAdd), nameof(LocalEcho)])]
    public void SetupLocal()
    {
        Start();
        Warmup.RunAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), () => _local.Add(1, 2), () => _local.Echo(_record)).GetAwaiter().GetResult();
    }

    [GlobalSetup(Targets = [nameof(RemoteAdd), nameof(RemoteEcho)])]
    public void SetupRemote()
    {
        Start();
        Warmup.RunAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12), () => _remote.Add(1, 2), () => _remote.Echo(_record)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "local: Add(int,int)")]
    public Task<int> LocalAdd() => _local.Add(20, 22);

    [Benchmark(Description = "local: Echo(record)")]
    public Task<EchoRecord> LocalEcho() => _local.Echo(_record);

    [Benchmark(Description = "client->silo: Add(int,int)")]
    public Task<int> RemoteAdd() => _remote.Add(20, 22);

    [Benchmark(Description = "client->silo: Echo(record)")]
    public Task<EchoRecord> RemoteEcho() => _remote.Echo(_record);

    private void Start()
    {
        _silo = SiloFixture.StartAsync().GetAwaiter().GetResult();
        _local = _silo.GrainFactory.GetGrain<IEchoGrain>("bench");
        _remote = _silo.Client.GetGrain<IEchoGrain>("bench");
        _record = EchoRecord.Sample();
    }
}
