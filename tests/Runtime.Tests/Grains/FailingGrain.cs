using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Grains;

public sealed class FailingGrain(TestProbe probe) : Grain, IFailingGrain
{
    public Task Throw(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowDomain(string message)
    {
        await Task.Yield();
        throw new TestDomainException(message);
    }

    public async Task WaitForCancellation(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        probe.Signal($"waiting:{key}");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Signal($"observed-cancel:{key}");
            throw;
        }
    }
}
