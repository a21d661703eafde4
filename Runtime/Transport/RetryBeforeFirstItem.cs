using System.Runtime.CompilerServices;
using Runtime.Hosting;

namespace Runtime.Transport;

/// <summary>
/// A streaming call whose silo is gone or leaving may start again elsewhere, but only before its first item: after
/// that the caller has seen part of the answer, and a second start would repeat it.
/// </summary>
internal static class RetryBeforeFirstItem
{
    /// <param name="open">Starts the call (again): reads where to send it each time.</param>
    /// <param name="recover">After failed attempt n: learns the new membership and waits; false when the call should not be tried again.</param>
    public static async IAsyncEnumerable<T> Enumerate<T>(
        Func<IAsyncEnumerable<T>> open, Func<int, CancellationToken, Task<bool>> recover, int maxAttempts,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var items = open().GetAsyncEnumerator(cancellationToken);
            bool first;
            try
            {
                first = await items.MoveNextAsync().ConfigureAwait(false);
            }
            catch (SiloUnavailableException) when (attempt < maxAttempts)
            {
                if (await recover(attempt, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
                throw;
            }
            if (!first)
            {
                yield break;
            }
            yield return items.Current;
            while (await items.MoveNextAsync().ConfigureAwait(false))
            {
                yield return items.Current;
            }
            yield break;
        }
    }
}
