using System.Diagnostics;
using Client.Bench.Overhead;

namespace Client.Bench.Cluster;

/// <summary>
/// Times a direct and a forwarded call in pairs, one after the other, flipping which goes first each pair: on a
/// shared machine, drift then touches both alike, and neither always runs on the other's warm caches.
/// </summary>
internal static class PairedTimer
{
    public static async Task<ForwardingResult> RunAsync(
        string kind, int warmupPairs, int pairs, Func<int, Task> direct, Func<int, Task> forwarded, CancellationToken cancellationToken)
    {
        var errors = 0;
        string? firstError = null;
        var directMs = new List<double>(pairs);
        var forwardedMs = new List<double>(pairs);
        for (var i = 0; i < warmupPairs + pairs; i++)
        {
            var measured = i >= warmupPairs;
            var directFirst = i % 2 == 0;
            foreach (var isDirect in new[] { directFirst, !directFirst })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await (isDirect ? direct(i) : forwarded(i));
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failed call is a finding of the run; it is counted and shown, not timed.
                    errors++;
                    firstError ??= $"{exception.GetType().Name}: {exception.Message}";
                    continue;
                }
                if (measured)
                {
                    (isDirect ? directMs : forwardedMs).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
        return new ForwardingResult(kind, pairs, LatencyPercentiles.Of(Sorted(directMs)), LatencyPercentiles.Of(Sorted(forwardedMs)), errors, firstError);
    }

    private static double[] Sorted(List<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }
}
