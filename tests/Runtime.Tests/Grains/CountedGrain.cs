namespace Runtime.Tests.Grains;

public sealed class CountedGrain : Grain, ICountedGrain
{
    public Task Touch() => Task.CompletedTask;
}
