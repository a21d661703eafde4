namespace Silo.Observability;

/// <summary>
/// A small number per live thread, unique among the threads alive at once, so that each thread can own one cell of
/// a series and add to it with plain stores (<see cref="MetricSeries"/>). A thread's number is freed once the thread
/// has ended and its holder is finalized; the next new thread reuses it and carries on from the cell's values, so
/// numbers stay as few as the most threads that were ever alive together.
/// </summary>
internal static class ThreadSlot
{
    private static readonly Lock Gate = new();
    private static readonly PriorityQueue<int, int> Freed = new();
    private static int s_issued;

    [ThreadStatic]
    private static Holder? t_holder;

    /// <summary>The calling thread's number.</summary>
    public static int Current => t_holder?.Slot ?? Take();

    private static int Take()
    {
        int slot;
        lock (Gate)
        {
            // The lowest free number first: the cells arrays stay as short as the peak count of threads.
            slot = Freed.TryDequeue(out var freed, out _) ? freed : s_issued++;
        }
        t_holder = new Holder(slot);
        return slot;
    }

    /// <summary>Reachable only from its thread's static field: finalized after the thread has ended, never before.</summary>
    private sealed class Holder(int slot)
    {
        public int Slot { get; } = slot;

        ~Holder()
        {
            lock (Gate)
            {
                Freed.Enqueue(Slot, Slot);
            }
        }
    }
}
