using System.Runtime.CompilerServices;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Grains;

public sealed class StreamGrain(TestProbe probe) : Grain, IStreamGrain
{
    public async IAsyncEnumerable<int> Gated(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await probe.Gate($"item:{GetPrimaryKeyString()}:{i}", cancellationToken);
            yield return i;
        }
    }

    public async IAsyncEnumerable<int> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = GetPrimaryKeyString();
        try
        {
            for (var i = 0; ; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken);
                yield return i;
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                probe.Signal($"cancelled:{key}");
            }
        }
    }

    public async IAsyncEnumerable<string> FailAfterOne()
    {
        yield return "first";
        await Task.Yield();
        throw new InvalidOperationException("the stream broke after one item");
    }
}
