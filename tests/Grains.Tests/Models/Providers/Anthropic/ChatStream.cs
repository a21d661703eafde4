using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.Anthropic;

/// <summary>Reads a streaming response to its end or its failure, keeping what arrived before a failure.</summary>
public static class ChatStream
{
    public static async Task<(List<ChatResponseUpdate> Updates, Exception? Error)> CollectAsync(
        IAsyncEnumerable<ChatResponseUpdate> stream, Action<List<ChatResponseUpdate>>? afterEach = null)
    {
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (var update in stream)
            {
                updates.Add(update);
                afterEach?.Invoke(updates);
            }
            return (updates, null);
        }
        catch (Exception e)
        {
            return (updates, e);
        }
    }

    public static string TextOf(IEnumerable<ChatResponseUpdate> updates) => string.Concat(updates.Select(u => u.Text));

    public static UsageDetails? UsageOf(IEnumerable<ChatResponseUpdate> updates) =>
        updates.SelectMany(u => u.Contents).OfType<UsageContent>().LastOrDefault()?.Details;
}
