using Grains.Interfaces.Models;

namespace Grains.Models.Budgets;

/// <summary>A slice this silo holds: what is left of it, the calls running under it, and when its term ends.</summary>
internal sealed class HeldSlice(long id, int requests, long tokens, long sentAt, long expiresAt)
{
    public long Id { get; } = id;

    /// <summary>When the silo asked for the slice (its own timestamp): the term and the last use count from here.</summary>
    public long SentAt { get; } = sentAt;

    public long ExpiresAt { get; } = expiresAt;

    public int Requests { get; set; } = requests;

    public long Tokens { get; set; } = tokens;

    public int InFlight { get; set; }

    public long? LastUsedAt { get; set; }

    /// <summary>No new call may start under it: its term ended, its requests ran out, or the circuit opened.</summary>
    public bool Closed { get; set; }

    /// <summary>Takes one request reserving <paramref name="tokens"/>, if the slice is open and has room.</summary>
    public bool TryTake(int tokens, long now)
    {
        if (Closed || Requests == 0 || Tokens < tokens)
        {
            return false;
        }
        Requests--;
        Tokens -= tokens;
        InFlight++;
        LastUsedAt = now;
        return true;
    }

    /// <summary>What goes back to the model grain once the slice is closed and no call runs under it.</summary>
    public SliceSettlement Settlement(TimeProvider time) =>
        new(Id, Requests, Tokens, LastUsedAt is { } used ? time.GetElapsedTime(SentAt, used) : null);
}
