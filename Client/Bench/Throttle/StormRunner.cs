using System.Collections.Concurrent;
using System.Diagnostics;

namespace Client.Bench.Throttle;

/// <summary>
/// An open-loop storm: request i is sent at start + i / rate whatever happened to the earlier ones, as real
/// traffic would be. Latency runs from the scheduled send to the answer, so time spent queued counts.
/// </summary>
internal static class StormRunner
{
    public static async Task<(int Succeeded, double[] LatenciesMs, TimeSpan Elapsed)> RunAsync(
        int requests, double requestsPerSecond, Func<int, CancellationToken, Task> send, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var succeeded = 0;
        var finished = 0;
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(requests);
        for (var i = 0; i < requests; i++)
        {
            var due = TimeSpan.FromSeconds(i / requestsPerSecond);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await send(index, cancellationToken);
                    latencies.Add((Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds);
                    Interlocked.Increment(ref succeeded);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failed request is the figure being measured, not an error of the benchmark.
                }
                finally
                {
                    progress?.Invoke(Interlocked.Increment(ref finished), requests);
                }
            }, cancellationToken));
        }
        await Task.WhenAll(inFlight);
        return (succeeded, [.. latencies.Order()], Stopwatch.GetElapsedTime(started));
    }
}
