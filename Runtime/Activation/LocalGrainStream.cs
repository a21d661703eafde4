using System.Runtime.CompilerServices;
using Runtime.Invocation;
using Runtime.Serialization;

namespace Runtime.Activation;

/// <summary>
/// What a caller enumerates for a local streaming call. Each enumeration is a new call; leaving the loop
/// early or cancelling the enumeration cancels the grain's enumeration.
/// </summary>
internal sealed class LocalGrainStream<T>(
    Catalog catalog, GrainId target, GrainMethod<T> method, object?[] arguments, GrainSerializer serializer) : IAsyncEnumerable<T>
{
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, method.GetCancellationToken(arguments));
        var work = new StreamWorkItem<T>(target, method, (object?[])arguments.Clone(), serializer, cancellation);
        catalog.Dispatch(work);
        try
        {
            var reader = work.Reader;
            while (await reader.WaitToReadAsync(cancellation.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await cancellation.CancelAsync().ConfigureAwait(false);
        }
    }
}
