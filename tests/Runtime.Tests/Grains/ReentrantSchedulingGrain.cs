using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Grains;

[Reentrant]
public sealed class ReentrantSchedulingGrain(TestProbe probe) : Grain, IReentrantSchedulingGrain
{
    private long _total;
    private int _running;
    private int _overlaps;

    public async Task Hold(string tag)
    {
        probe.Signal($"started:{tag}");
        await probe.Gate($"release:{tag}");
    }

    public async Task Churn(int increments)
    {
        for (var round = 0; round < 3; round++)
        {
            if (++_running > 1)
            {
                _overlaps++;
            }
            for (var i = 0; i < increments; i++)
            {
                _total++;
            }
            _running--;
            await Task.Yield();
        }
    }

    public Task<long> Total() => Task.FromResult(_total);

    public Task<int> Overlaps() => Task.FromResult(_overlaps);
}
