namespace Client.Bench.Fanout;

/// <summary>
/// The makespan a job's scheduler reaches with no overhead at all, given the tools' measured durations: greedy list
/// scheduling on <c>slots</c> slots, as the job grain does it. A tool waits for its upstream tool (if any), then
/// queues for a slot; the queue is first come, first served, ties in call order; a free slot takes the head.
/// </summary>
internal static class ListSchedule
{
    public static double Makespan(IReadOnlyList<double> durations, IReadOnlyList<int?> upstream, int slots)
    {
        var count = durations.Count;
        var ready = new double?[count];
        var finish = new double[count];
        var scheduled = new bool[count];
        for (var i = 0; i < count; i++)
        {
            ready[i] = upstream[i] is null ? 0 : null;
        }
        var free = new PriorityQueue<int, double>();
        for (var slot = 0; slot < Math.Max(1, slots); slot++)
        {
            free.Enqueue(slot, 0);
        }
        for (var placed = 0; placed < count; placed++)
        {
            free.TryDequeue(out var slotId, out var slotFree);
            // The head of the queue: the earliest to arrive, by call order among equals (or, if none is waiting
            // yet, the first to arrive later).
            var next = Enumerable.Range(0, count)
                .Where(i => !scheduled[i] && ready[i] is not null)
                .OrderBy(i => ready[i]!.Value)
                .ThenBy(i => i)
                .First();
            var start = Math.Max(slotFree, ready[next]!.Value);
            finish[next] = start + durations[next];
            scheduled[next] = true;
            for (var i = 0; i < count; i++)
            {
                if (upstream[i] == next)
                {
                    ready[i] = finish[next];
                }
            }
            free.Enqueue(slotId, finish[next]);
        }
        return count == 0 ? 0 : finish.Max();
    }

    /// <summary>No schedule on <paramref name="slots"/> slots can beat this: the longest tool, or all the work spread evenly.</summary>
    public static double LowerBound(IReadOnlyList<double> durations, int slots) =>
        durations.Count == 0 ? 0 : Math.Max(durations.Max(), durations.Sum() / Math.Max(1, slots));
}
