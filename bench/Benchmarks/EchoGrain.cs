using Runtime;

namespace Benchmarks;

/// <summary>A small mutable payload: not [Immutable], so every local call copies it through System.Text.Json.</summary>
public sealed record EchoRecord
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public double Score { get; set; }
    public List<string> Tags { get; set; } = [];

    public static EchoRecord Sample() => new() { Id = 42, Name = "benchmark", Score = 3.5, Tags = ["a", "bb", "ccc"] };
}

/// <summary>The same payload marked [Immutable]: local calls pass it by reference, as Orleans does.</summary>
[Immutable]
public sealed record ImmutableEchoRecord(int Id, string Name, double Score, IReadOnlyList<string> Tags)
{
    public static ImmutableEchoRecord Sample() => new(42, "benchmark", 3.5, ["a", "bb", "ccc"]);
}

public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> Add(int a, int b);

    Task<EchoRecord> Echo(EchoRecord record);

    Task<ImmutableEchoRecord> EchoImmutable(ImmutableEchoRecord record);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task<EchoRecord> Echo(EchoRecord record) => Task.FromResult(record);

    public Task<ImmutableEchoRecord> EchoImmutable(ImmutableEchoRecord record) => Task.FromResult(record);
}
