using Runtime;

namespace Grains.Interfaces.Diagnostics;

/// <summary>
/// A cheap grain for checking that a silo answers and for measuring call round trips. Each key counts the
/// pings it has received across activations and silo restarts.
/// </summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Answers with who served the call and how many pings this key has received, this one included.</summary>
    Task<PingReply> Ping(int sequence, CancellationToken cancellationToken = default);
}
