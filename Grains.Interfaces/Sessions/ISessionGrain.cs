using Runtime;

namespace Grains.Interfaces.Sessions;

/// <summary>
/// One conversation, kept warm in memory. One turn at a time: a second <see cref="Send"/> waits for the first
/// to finish. <see cref="Get"/> answers at any time with the committed history.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    IAsyncEnumerable<SessionEvent> Send(SessionTurnRequest request, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<SessionSnapshot> Get();

    /// <summary>Forgets the session; false if there was nothing to forget.</summary>
    Task<bool> Delete();
}
