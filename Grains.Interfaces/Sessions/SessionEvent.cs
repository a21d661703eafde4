namespace Grains.Interfaces.Sessions;

/// <summary>A streamed token of the answer, or, last, the summary of the durable turn.</summary>
public sealed record SessionEvent(string? Token, SessionTurnSummary? Done)
{
    public static SessionEvent Text(string token) => new(token, null);

    public static SessionEvent Completed(SessionTurnSummary summary) => new(null, summary);
}
