using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Grains;

/// <summary>Fails its first activation, succeeds afterwards.</summary>
public sealed class BrokenActivationGrain(TestProbe probe) : Grain, IBrokenActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        probe.Increment($"broken:{GetPrimaryKeyString()}") == 1
            ? throw new InvalidOperationException("first activation fails on purpose")
            : Task.CompletedTask;

    public Task<int> Attempts() => Task.FromResult(probe.Count($"broken:{GetPrimaryKeyString()}"));
}
