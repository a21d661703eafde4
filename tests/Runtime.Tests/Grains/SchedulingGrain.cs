using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Grains;

public sealed class SchedulingGrain(TestProbe probe) : Grain, ISchedulingGrain
{
    private int _inside;
    private int _maxInside;

    public async Task Hold(string tag)
    {
        _maxInside = Math.Max(_maxInside, ++_inside);
        probe.Record($"start:{tag}");
        probe.Signal($"started:{tag}");
        await probe.Gate($"release:{tag}");
        probe.Record($"end:{tag}");
        _inside--;
    }

    public Task<int> Peek() => Task.FromResult(_inside);

    public Task<int> MaxConcurrency() => Task.FromResult(_maxInside);
}
