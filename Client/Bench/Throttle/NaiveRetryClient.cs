using Grains.Models.Configuration;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;

namespace Client.Bench.Throttle;

/// <summary>
/// The baseline the seeds describe: every caller calls the model directly and, when throttled or failing,
/// retries with exponential backoff and full jitter; no shared budget, no fallback, no queue.
/// </summary>
internal sealed class NaiveRetryClient(IChatClient model, int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "summarize the incident report")];

    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var backoff = new Grains.Models.FullJitterBackoff(new RetryOptions { BaseDelay = baseDelay, MaxDelay = maxDelay }, Random.Shared);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await model.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 20 }, cancellationToken);
                return;
            }
            catch (ModelCallException exception) when (exception.Kind != ModelErrorKind.Permanent && attempt + 1 < maxAttempts)
            {
                await Task.Delay(backoff.Delay(attempt), cancellationToken);
            }
        }
    }
}
