using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Runtime;
using Runtime.Activation;
using Runtime.Invocation;
using Runtime.Membership;
using Runtime.Serialization;
using Runtime.Transport;

namespace Benchmarks;

/// <summary>
/// Pieces of a grain call measured on their own, to tell where the time of <see cref="GrainCallBenchmarks"/> goes:
/// the DispatchProxy step, the router/catalog/turn scheduling without the proxy, the JSON copy, the request URI a
/// remote call builds, and the bare HTTP/2 (h2c) round trip that the transport rides on.
/// </summary>
[Config(typeof(BenchConfig))]
public class CallBreakdownBenchmarks
{
    private SiloFixture _silo = null!;
    private SiloGrainCallRouter _router = null!;
    private GrainSerializer _serializer = null!;
    private GrainId _target;
    private GrainMethod _add = null!;
    private GrainMethod _echo = null!;
    private IEchoGrain _local = null!;
    private IEchoGrain _proxyOnly = null!;
    private EchoRecord _record = null!;
    private ImmutableEchoRecord _immutable = null!;
    private SiloAddress _siloAddress = null!;
    private BareHttp2 _bare = null!;

    [GlobalSetup]
    public void Setup()
    {
        _silo = SiloFixture.StartAsync().GetAwaiter().GetResult();
        _router = (SiloGrainCallRouter)_silo.GrainFactory;
        _serializer = _silo.Services.GetRequiredService<GrainSerializer>();
        var metadata = _silo.Services.GetRequiredService<GrainInterfaceRegistry>().Get(typeof(IEchoGrain));
        metadata.TryGetMethod(nameof(IEchoGrain.Add), out _add);
        metadata.TryGetMethod(nameof(IEchoGrain.Echo), out _echo);
        _target = new GrainId(metadata.Name, "bench");
        _local = _silo.GrainFactory.GetGrain<IEchoGrain>("bench");
        _proxyOnly = GrainReferenceProxy.Create<IEchoGrain>(_target, metadata, new CompletedInvoker());
        _record = EchoRecord.Sample();
        _immutable = ImmutableEchoRecord.Sample();
        _siloAddress = _silo.Client.Members[0].Silo;
        Warmup.RunAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), RouterAdd, RouterEcho, LocalEchoImmutable).GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = nameof(BareHttp2RoundTrip))]
    public void SetupBare()
    {
        _bare = BareHttp2.StartAsync().GetAwaiter().GetResult();
        Warmup.RunAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12), BareHttp2RoundTrip).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "proxy only (DispatchProxy -> completed invoker)")]
    public Task<int> ProxyOnly() => _proxyOnly.Add(20, 22);

    [Benchmark(Description = "router, no proxy: Add")]
    public Task<int> RouterAdd() => _router.InvokeAsync<int>(_target, _add, [20, 22]);

    [Benchmark(Description = "router, no proxy: Echo (copies arg+result)")]
    public Task<EchoRecord> RouterEcho() => _router.InvokeAsync<EchoRecord>(_target, _echo, [_record]);

    [Benchmark(Description = "local: EchoImmutable([Immutable] record)")]
    public Task<ImmutableEchoRecord> LocalEchoImmutable() => _local.EchoImmutable(_immutable);

    [Benchmark(Description = "GrainSerializer.Copy(EchoRecord), once")]
    public EchoRecord? JsonCopy() => _serializer.Copy(_record);

    [Benchmark(Description = "remote request URI (built per call)")]
    public Uri RequestUri() => new(_siloAddress.TransportUri, TransportProtocol.CallPath(false, _target, "Add"));

    [Benchmark(Description = "bare HTTP/2 h2c round trip (HttpClient -> Kestrel)")]
    public Task<int> BareHttp2RoundTrip() => _bare.RoundTripAsync();

    private sealed class CompletedInvoker : IGrainCallInvoker
    {
        private static readonly Task<int> FortyTwo = Task.FromResult(42);

        public Task<T> InvokeAsync<T>(GrainId target, GrainMethod method, object?[] arguments) => (Task<T>)(object)FortyTwo;

        public IAsyncEnumerable<T> InvokeStream<T>(GrainId target, GrainMethod method, object?[] arguments) => throw new NotSupportedException();
    }
}
