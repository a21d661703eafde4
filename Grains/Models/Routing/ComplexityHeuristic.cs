using Grains.Models.Configuration;
using Microsoft.Extensions.AI;

namespace Grains.Models.Routing;

/// <summary>Decides whether <c>auto</c> needs the large model; the rules are listed on <see cref="RoutingOptions"/>.</summary>
public static class ComplexityHeuristic
{
    public static bool IsComplex(IReadOnlyList<ChatMessage> messages, int? maxTokens, bool hasTools, RoutingOptions options)
    {
        var lastUser = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        return hasTools
            || lastUser.Length >= options.ComplexPromptCharacters
            || maxTokens >= options.ComplexMaxTokens
            || messages.Count >= options.ComplexConversationMessages
            || options.ComplexMarkers.Any(marker => lastUser.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
