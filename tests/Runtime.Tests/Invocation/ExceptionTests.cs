using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;
using Runtime.Transport;

namespace Runtime.Tests.Invocation;

public sealed class ExceptionTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Exceptions_reach_the_caller_with_their_type_and_message(string transport)
    {
        await using var silo = await TestSilo.StartAsync();
        var (factory, client) = await Transports.FactoryAsync(silo, transport);
        await using var _ = client;
        var grain = factory.GetGrain<IFailingGrain>("thrower");

        var builtIn = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("no such order"));
        var domain = await Assert.ThrowsAsync<TestDomainException>(() => grain.ThrowDomain("quota spent"));

        Assert.Equal("no such order", builtIn.Message);
        Assert.Equal("quota spent", domain.Message);
    }

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_cancellation_token_argument_is_honoured(string transport)
    {
        await using var silo = await TestSilo.StartAsync();
        var (factory, client) = await Transports.FactoryAsync(silo, transport);
        await using var _ = client;
        var grain = factory.GetGrain<IFailingGrain>($"patient-{transport}");
        using var cancellation = new CancellationTokenSource();

        var call = grain.WaitForCancellation(cancellation.Token);
        await silo.Probe.WaitAsync($"waiting:patient-{transport}");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestProbe.Patience));
        await silo.Probe.WaitAsync($"observed-cancel:patient-{transport}");
    }

    [Fact]
    public void An_exception_type_the_caller_does_not_know_arrives_as_a_remote_exception_with_its_name()
    {
        var payload = new ExceptionPayload("Elsewhere.QuotaException", "Elsewhere.QuotaException, Elsewhere", "quota spent");

        var exception = Assert.IsType<RemoteGrainException>(payload.ToException());

        Assert.Equal("Elsewhere.QuotaException", exception.RemoteType);
        Assert.Equal("quota spent", exception.Message);
    }
}
