using Grains.Interfaces.Models;
using Grains.Models.Providers;

namespace Grains.Sessions;

/// <summary>Fits a conversation into a token budget: system messages are kept, then the newest turns that fit.</summary>
public static class HistoryTrimmer
{
    public static IReadOnlyList<ChatTurn> Trim(IReadOnlyList<ChatTurn> messages, int tokenBudget)
    {
        var systemTokens = messages.Where(IsSystem).Sum(Cost);
        var remaining = tokenBudget - systemTokens;
        var keepFrom = messages.Count;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (IsSystem(messages[i]))
            {
                continue;
            }
            var cost = Cost(messages[i]);
            // The newest message always goes, even alone over budget: without it there is no question to answer.
            if (cost > remaining && keepFrom < messages.Count)
            {
                break;
            }
            remaining -= cost;
            keepFrom = i;
        }
        return [.. messages.Where((m, i) => IsSystem(m) || i >= keepFrom)];
    }

    private static bool IsSystem(ChatTurn message) => message.Role == "system";

    private static int Cost(ChatTurn message) => TokenEstimator.Estimate(message.Content) + 4;
}
