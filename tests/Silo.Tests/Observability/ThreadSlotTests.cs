using Silo.Observability;
using Silo.Tests.Infrastructure;

namespace Silo.Tests.Observability;

/// <summary>Each live thread owns a number of its own; an ended thread's number goes to a later thread.</summary>
[Collection(ProcessWideMetricsCollection.Name)]
public sealed class ThreadSlotTests
{
    [Fact]
    public void Threads_alive_together_have_different_numbers()
    {
        const int threads = 8;
        var slots = new int[threads];
        using var allTaken = new Barrier(threads);
        var running = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            slots[i] = ThreadSlot.Current;
            // Nobody ends before everyone has a number, so no number can be freed and handed on meanwhile.
            allTaken.SignalAndWait();
            Assert.Equal(slots[i], ThreadSlot.Current);
        })).ToList();
        running.ForEach(t => t.Start());
        running.ForEach(t => t.Join());

        Assert.Equal(threads, slots.Distinct().Count());
    }

    [Fact]
    public void An_ended_threads_number_is_reused_rather_than_a_new_one_issued()
    {
        var first = OnNewThread(() => ThreadSlot.Current);

        // A joined thread may still be tearing down its statics while the first collection runs, so allow a few
        // rounds; numbers that were never freed would keep rising past the first one in every round.
        var next = new List<int>();
        for (var round = 0; round < 10 && (next.Count == 0 || next[^1] > first); round++)
        {
            FinalizeEndedThreads();
            next.Add(OnNewThread(() => ThreadSlot.Current));
        }

        // Freed numbers are handed out lowest first, and nothing else in this collection takes numbers meanwhile.
        Assert.True(next[^1] <= first, $"the ended thread had {first}, the next ones got {string.Join(", ", next)}");
    }

    internal static T OnNewThread<T>(Func<T> work)
    {
        var result = default(T)!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }

    internal static void FinalizeEndedThreads()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
