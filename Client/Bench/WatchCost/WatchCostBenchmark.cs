using Client.Bench.Cache;
using Client.Bench.Hosting;
using Client.Bench.Overhead;

namespace Client.Bench.WatchCost;

/// <summary>
/// Two silos from the same Release build, side by side: one with telemetry on and watched, one with telemetry off
/// and unwatched. Closed-loop load goes to one at a time in short slices, the order flipped every pair, so that
/// whatever else the shared machine does lands on both alike. Two processes of the same build differ by several
/// percent in CPU per request (JIT and GC decisions made at run time), so the bench starts a fresh pair several
/// times and reads all starts together.
/// </summary>
internal sealed class WatchCostBenchmark(WatchCostSettings settings, Action<string> log)
{
    private const double WarmUpGain = 0.05;
    private const int MinWarmUpRounds = 2;
    private const int MaxWarmUpRounds = 8;
    private const int ReadoutWarmUps = 60;

    public async Task<WatchCostResult> RunAsync(CancellationToken cancellationToken)
    {
        var dll = await SiloBuild.EnsureAsync(settings.RebuildStaleSilo, log, cancellationToken);
        using var http = LoopbackHttp.CreateClient();
        using var watchHttp = LoopbackHttp.CreateClient();
        var loadBefore = LoadAverage.OneMinute();
        var pairs = new List<SlicePair>(settings.Pairs * settings.Starts);
        var warmups = new List<int>(settings.Starts);
        var scrapes = 0;
        long polls = 0;
        var watcherErrors = 0;
        string? firstWatcherError = null;
        for (var start = 0; start < settings.Starts; start++)
        {
            var (watchedSilo, unwatchedSilo) = await StartBothAsync(dll, cancellationToken);
            // Each stopped by its own pid when its start ends, however it ends.
            await using var stopWatchedSilo = watchedSilo;
            await using var stopUnwatchedSilo = unwatchedSilo;
            log($"Start {start + 1} of {settings.Starts}: watched silo {watchedSilo.Url} (pid {watchedSilo.Pid}{(settings.Calibrate ? ", telemetry off: calibration" : "")}), " +
                $"unwatched silo {unwatchedSilo.Url} (pid {unwatchedSilo.Pid}, telemetry off), both from the {SiloBuild.Configuration} build.");
            var run = Guid.NewGuid().ToString("N")[..8];
            var watched = new Side(watchedSilo, Workers(http, watchedSilo.Url, run));
            var unwatched = new Side(unwatchedSilo, Workers(http, unwatchedSilo.Url, run));
            // A calibration run watches neither silo: both are the same, and the ratio shows the bench's own bias.
            var watchers = settings.Calibrate ? null : new SiloWatchers(watchHttp, watchedSilo.Url, settings.ScrapeEvery, settings.DashboardEvery);
            await CheckAsync(watched, unwatched, watchers, cancellationToken);
            var rounds = await WarmUpAsync(watched, unwatched, watchers, cancellationToken);
            warmups.Add(rounds);
            log($"  warm-up: {rounds} rounds of {settings.WarmupRound.TotalSeconds:0.#} s per silo, until neither silo's throughput still rose by {WarmUpGain:P0}.");
            for (var index = 0; index < settings.Pairs; index++)
            {
                var watchedFirst = index % 2 == 0;
                var first = await SliceAsync(watchedFirst ? watched : unwatched, watchedFirst ? watchers : null, settings.Slice, cancellationToken);
                var second = await SliceAsync(watchedFirst ? unwatched : watched, watchedFirst ? null : watchers, settings.Slice, cancellationToken);
                var pair = watchedFirst ? new SlicePair(start, index, true, first, second) : new SlicePair(start, index, false, second, first);
                pairs.Add(pair);
                log($"  pair {index + 1,3} ({(watchedFirst ? "watched first" : "unwatched first")}): watched {pair.Watched.RequestsPerSecond,7:0} req/s, " +
                    $"unwatched {pair.Unwatched.RequestsPerSecond,7:0} req/s, ratio {pair.Ratio:0.000}, CPU per request {pair.CpuRatio:0.000}");
            }
            scrapes += watchers?.Scrapes ?? 0;
            polls += watchers?.DashboardPolls ?? 0;
            watcherErrors += watchers?.Errors ?? 0;
            firstWatcherError ??= watchers?.FirstError;
        }
        return new WatchCostResult(pairs, warmups, scrapes, polls, watcherErrors, firstWatcherError, loadBefore, LoadAverage.OneMinute());
    }

    /// <summary>
    /// Both silos at once, so that neither is systematically the older process with the head start in tiering and
    /// heap growth; if one fails to start, the other is stopped.
    /// </summary>
    private async Task<(SiloProcess Watched, SiloProcess Unwatched)> StartBothAsync(string dll, CancellationToken cancellationToken)
    {
        var watched = SiloProcess.StartAsync(dll, settings.WatchedSiloArguments, cancellationToken);
        var unwatched = SiloProcess.StartAsync(dll, settings.UnwatchedSiloArguments, cancellationToken);
        try
        {
            await Task.WhenAll(watched, unwatched);
        }
        catch
        {
            foreach (var started in new[] { watched, unwatched }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
        return (watched.Result, unwatched.Result);
    }

    /// <summary>One answer from each silo and the watched one's read-outs, so that a misconfiguration fails before any load.</summary>
    private static async Task CheckAsync(Side watched, Side unwatched, SiloWatchers? watchers, CancellationToken cancellationToken)
    {
        await watched.Workers[0].SendAsync(cancellationToken);
        await unwatched.Workers[0].SendAsync(cancellationToken);
        if (watchers is not null)
        {
            await watchers.WarmUpAsync(ReadoutWarmUps, cancellationToken);
        }
    }

    /// <summary>
    /// Alternating rounds until neither silo gets faster: tiered JIT keeps recompiling hot paths for seconds after
    /// the first requests, and a pair measured before that measures which silo the JIT finished first.
    /// </summary>
    private async Task<int> WarmUpAsync(Side watched, Side unwatched, SiloWatchers? watchers, CancellationToken cancellationToken)
    {
        double bestWatched = 0, bestUnwatched = 0;
        for (var round = 1; ; round++)
        {
            // The watched silo last, as the first pair starts with it: the first block of two pairs then has each
            // silo once right after the other silo's slice and once after its own, like every later block.
            var unwatchedRate = (await SliceAsync(unwatched, null, settings.WarmupRound, cancellationToken)).RequestsPerSecond;
            var watchedRate = (await SliceAsync(watched, watchers, settings.WarmupRound, cancellationToken)).RequestsPerSecond;
            var rose = watchedRate > bestWatched * (1 + WarmUpGain) || unwatchedRate > bestUnwatched * (1 + WarmUpGain);
            bestWatched = Math.Max(bestWatched, watchedRate);
            bestUnwatched = Math.Max(bestUnwatched, unwatchedRate);
            if ((!rose && round >= MinWarmUpRounds) || round == MaxWarmUpRounds)
            {
                return round;
            }
        }
    }

    private async Task<SliceResult> SliceAsync(Side side, SiloWatchers? watchers, TimeSpan length, CancellationToken cancellationToken)
    {
        var cpuBefore = side.Silo.CpuTime;
        var watching = watchers?.WatchAsync(length, cancellationToken) ?? Task.CompletedTask;
        var samples = await ClosedLoopRunner.RunAsync(side.Workers, length, settings.MaxRequestsPerSlice, cancellationToken);
        await watching;
        var cpu = side.Silo.CpuTime - cpuBefore;
        return new SliceResult(samples.TotalMs.Length, samples.Errors, samples.FirstError, samples.Elapsed, cpu);
    }

    private List<CompletionProbe> Workers(HttpClient http, string siloUrl, string run)
    {
        var target = CompletionTarget.For(
            BenchRoute.SimulatedViaSilo, stream: false, siloUrl.TrimEnd('/') + "/v1", OverheadSettings.SimulatedModel, settings.OutputTokens, settings.Cache, run);
        return [.. Enumerable.Range(0, settings.Concurrency).Select(_ => new CompletionProbe(http, target))];
    }

    private sealed record Side(SiloProcess Silo, IReadOnlyList<CompletionProbe> Workers);
}
