using System.Diagnostics;

namespace Client.Bench.WatchCost;

/// <summary>
/// Who watches the watched silo: a Prometheus-style scraper reading <c>/metrics</c>, and the dashboard page's
/// polls (the same read-outs at the same rhythm as Silo/Dashboard/dashboard.html: every tick the live figures,
/// models and jobs; every other tick the silos and the cache too). They run only during the watched silo's
/// slices, on a clock that stands still in between (<see cref="WatchClock"/>).
/// </summary>
internal sealed class SiloWatchers(HttpClient http, string siloUrl, TimeSpan scrapeEvery, TimeSpan dashboardEvery)
{
    private static readonly string[] EveryTick = ["/api/v1/dashboard/live", "/api/v1/models", "/api/v1/dashboard/jobs"];
    private static readonly string[] EveryOtherTick = ["/api/v1/silos", "/api/v1/cache-stats"];

    private readonly WatchClock? _scrapes = scrapeEvery > TimeSpan.Zero ? new WatchClock(scrapeEvery) : null;
    private readonly WatchClock? _dashboard = dashboardEvery > TimeSpan.Zero ? new WatchClock(dashboardEvery) : null;
    private TimeSpan _watched;
    private long _dashboardTicks;
    private int _scrapeCount;
    private int _errors;
    private string? _firstError;

    public int Scrapes => Volatile.Read(ref _scrapeCount);

    public long DashboardPolls => Interlocked.Read(ref _dashboardTicks);

    public int Errors => Volatile.Read(ref _errors);

    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>Watches for one slice of <paramref name="slice"/>, starting now, alongside the slice's load.</summary>
    public async Task WatchAsync(TimeSpan slice, CancellationToken cancellationToken)
    {
        var sliceStart = _watched;
        _watched += slice;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(
            FireAsync(_scrapes?.NextSlice(sliceStart, slice) ?? [], started, ScrapeAsync, cancellationToken),
            FireAsync(_dashboard?.NextSlice(sliceStart, slice) ?? [], started, PollDashboardAsync, cancellationToken));
    }

    /// <summary>
    /// Reads every read-out <paramref name="times"/> times: the first read fails the bench on a broken one before
    /// any load, and the rest bring their code to its final tier (tiered JIT recompiles a method after 30 calls),
    /// which polls once a second would otherwise reach only in the middle of the measurement.
    /// </summary>
    public async Task WarmUpAsync(int times, CancellationToken cancellationToken)
    {
        for (var i = 0; i < times; i++)
        {
            foreach (var path in EveryTick.Concat(EveryOtherTick).Append("/metrics"))
            {
                await GetAsync(path, cancellationToken);
            }
        }
    }

    private static async Task FireAsync(IReadOnlyList<TimeSpan> due, long started, Func<CancellationToken, Task> watch, CancellationToken cancellationToken)
    {
        for (var i = 0; i < due.Count; i++)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            // Like the page's `if (busy) return`: a read-out still running when the next one is due skips that one.
            if (i + 1 < due.Count && elapsed >= due[i + 1])
            {
                continue;
            }
            if (due[i] > elapsed)
            {
                await Task.Delay(due[i] - elapsed, cancellationToken);
            }
            await watch(cancellationToken);
        }
    }

    private async Task ScrapeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _scrapeCount);
        await TryGetAsync("/metrics", cancellationToken);
    }

    private async Task PollDashboardAsync(CancellationToken cancellationToken)
    {
        var tick = Interlocked.Increment(ref _dashboardTicks);
        var paths = tick % 2 == 1 ? EveryTick.Concat(EveryOtherTick) : EveryTick;
        await Task.WhenAll(paths.Select(path => TryGetAsync(path, cancellationToken)));
    }

    private async Task TryGetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await GetAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A failing read-out is a finding, reported with the results; the load goes on.
            Interlocked.Increment(ref _errors);
            Interlocked.CompareExchange(ref _firstError, $"{path}: {exception.Message}", null);
        }
    }

    private async Task GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(siloUrl.TrimEnd('/') + path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}
