using System.Runtime.CompilerServices;

namespace Runtime.Tests.Grains;

public interface IStreamGrain : IGrainWithStringKey
{
    /// <summary>Yields 0..count-1, each only after the test signals "item:{key}:{i}".</summary>
    IAsyncEnumerable<int> Gated(int count, CancellationToken cancellationToken = default);

    /// <summary>Yields forever; signals "cancelled:{key}" when its enumeration is cancelled.</summary>
    IAsyncEnumerable<int> Endless(CancellationToken cancellationToken = default);

    /// <summary>Yields one item, then throws InvalidOperationException.</summary>
    IAsyncEnumerable<string> FailAfterOne();
}
