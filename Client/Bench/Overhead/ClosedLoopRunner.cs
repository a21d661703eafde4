using System.Diagnostics;

namespace Client.Bench.Overhead;

/// <summary>
/// Closed-loop load: each worker sends its next request as soon as the previous one is answered, until the time
/// or the request count runs out. Requests in flight at the deadline finish and count.
/// </summary>
internal static class ClosedLoopRunner
{
    public static async Task<PointSamples> RunAsync(IReadOnlyList<ILoadProbe> workers, TimeSpan duration, int maxRequests, CancellationToken cancellationToken)
    {
        var issued = 0;
        var errors = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = await Task.WhenAll(workers.Select(probe => Task.Run(async () =>
        {
            var totals = new List<double>(4096);
            var firstBytes = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref issued) <= maxRequests)
            {
                try
                {
                    var (firstByte, total) = await probe.SendAsync(cancellationToken);
                    totals.Add(Milliseconds(total));
                    firstBytes.Add(Milliseconds(firstByte));
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // An error is a finding of the run, not a reason to stop it; the report shows the first one.
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
                }
            }
            return (totals, firstBytes);
        }, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new PointSamples(Sorted(perWorker.SelectMany(w => w.totals)), Sorted(perWorker.SelectMany(w => w.firstBytes)), errors, firstError, elapsed);
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double[] Sorted(IEnumerable<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }
}
