using Microsoft.Extensions.AI;

namespace Grains.Models.Providers;

/// <summary>A provider-independent token estimate (about four characters a token) for reservations and the simulator.</summary>
public static class TokenEstimator
{
    public static int Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    public static int Estimate(IEnumerable<ChatMessage> messages) => messages.Sum(m => Estimate(m.Text) + 4);
}
