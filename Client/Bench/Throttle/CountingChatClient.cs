using System.Runtime.CompilerServices;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Client.Bench.Throttle;

/// <summary>Passes calls to the simulated model and counts them, and its throttling answers, on the provider's side.</summary>
internal sealed class CountingChatClient(IChatClient inner, ProviderCounters counters) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        counters.Call();
        try
        {
            return await inner.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (ModelCallException exception) when (exception.Kind == ModelErrorKind.Throttled)
        {
            counters.Throttle();
            throw;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        counters.Call();
        await using var updates = inner.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (ModelCallException exception) when (exception.Kind == ModelErrorKind.Throttled)
            {
                counters.Throttle();
                throw;
            }
            yield return updates.Current;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose() => inner.Dispose();
}
