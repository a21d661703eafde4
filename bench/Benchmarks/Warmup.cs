using System.Diagnostics;
using System.Runtime;

namespace Benchmarks;

/// <summary>
/// Warm-up until the JIT is done. The loopback HTTP/2 path touches hundreds of Kestrel and HttpClient methods that
/// tier up (tier0, instrumented, tier1) on a background thread; on this 2-core machine, under load, that went on for
/// 6-10 s (a perf profile 6 s after start had 17% of samples in the tiering thread, 12 s after start 0.4%), and a
/// client-to-silo call went from ~220 µs median in its first 5,000 calls to ~60 µs. So: call until at most two methods
/// were compiled in the last second, at least <c>min</c> and at most <c>max</c>.
/// </summary>
internal static class Warmup
{
    public static async Task RunAsync(TimeSpan min, TimeSpan max, params Func<Task>[] calls)
    {
        var stopwatch = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var lastCheck = TimeSpan.Zero;
        var quiet = false;
        while (stopwatch.Elapsed < max)
        {
            for (var i = 0; i < 50; i++)
            {
                foreach (var call in calls)
                {
                    await call();
                }
            }
            if (stopwatch.Elapsed - lastCheck < TimeSpan.FromSeconds(1))
            {
                continue;
            }
            // Quiet: at most a couple of compilations in the last second (background timers tier up now and then).
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now - compiled <= 2;
            compiled = now;
            lastCheck = stopwatch.Elapsed;
            if (quiet && stopwatch.Elapsed >= min)
            {
                break;
            }
        }
        Console.WriteLine(FormattableString.Invariant(
            $"// warm-up: {stopwatch.Elapsed.TotalSeconds:F1} s, {compiled} methods compiled, JIT quiet: {quiet}"));
    }
}
