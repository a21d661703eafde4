namespace Runtime.Tests.Grains;

public interface IFailingGrain : IGrainWithStringKey
{
    Task Throw(string message);

    Task<int> ThrowDomain(string message);

    /// <summary>Signals "waiting:{key}", waits until cancelled, then signals "observed-cancel:{key}".</summary>
    Task WaitForCancellation(CancellationToken cancellationToken);
}
