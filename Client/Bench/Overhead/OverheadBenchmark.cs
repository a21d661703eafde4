using System.Diagnostics;
using System.Net;
using Client.Bench.Hosting;

namespace Client.Bench.Overhead;

/// <summary>
/// Runs every point: for JSON and SSE answers, at each concurrency, the three routes back to back (so that drift
/// on a shared machine touches the baseline and the silo alike), each warmed up before it is measured.
/// </summary>
internal sealed class OverheadBenchmark(OverheadSettings settings, Action<string> log)
{
    private const double WarmUpGain = 0.05;
    private const int MinWarmUpRounds = 2;
    private const int MaxWarmUpRounds = 8;

    /// <param name="remoteSilo">A running silo to measure, or null to start one from the build output.</param>
    /// <param name="upstreamPort">Port of the zero-latency upstream; 0 for a free one.</param>
    public async Task<IReadOnlyList<PointResult>> RunAsync(string? remoteSilo, int upstreamPort, CancellationToken cancellationToken)
    {
        var payloads = new UpstreamPayloads(OverheadSettings.OpenAiModel, settings.OutputTokens);
        await using var upstream = await ZeroLatencyUpstream.StartAsync(upstreamPort, payloads, cancellationToken);
        var modelArguments = settings.ModelArguments(upstream.BaseUrl).ToList();
        await using var silo = remoteSilo is null ? await StartSiloAsync(modelArguments, cancellationToken) : null;
        var siloUrl = remoteSilo ?? silo!.Url;
        log(silo is null
            ? $"Silo: {siloUrl} (running); zero-latency upstream: {upstream.BaseUrl}"
            : $"Silo: {siloUrl} (pid {silo.Pid}, started from the {SiloBuild.Configuration} build); zero-latency upstream: {upstream.BaseUrl}");

        using var http = LoopbackHttp.CreateClient();
        var run = Guid.NewGuid().ToString("N")[..8];
        var targets = settings.StreamModes.SelectMany(stream => settings.Routes.Select(route => Target(route, stream, siloUrl, upstream.BaseUrl, run))).ToList();
        await CheckAsync(http, targets, remoteSilo, modelArguments, cancellationToken);
        var rounds = await WarmUpAsync(http, targets, cancellationToken);
        log($"Warm-up: {rounds} rounds of {settings.InitialWarmup.TotalSeconds:0.#} s per route, until no route's throughput still rose by {WarmUpGain:P0}.");

        using var self = Process.GetCurrentProcess();
        var points = new List<PointResult>();
        foreach (var stream in settings.StreamModes)
        {
            foreach (var concurrency in settings.Concurrencies)
            {
                foreach (var target in targets.Where(t => t.Stream == stream))
                {
                    var point = await MeasureAsync(http, target, concurrency, silo, self, cancellationToken);
                    points.Add(point);
                    log(Describe(point));
                }
            }
        }
        return points;
    }

    /// <summary>
    /// Round after round over every target until none gets faster: tiered JIT keeps recompiling the silo's hot
    /// paths for seconds after the first requests (about 8 s on 2 quiet cores), and a point measured before that
    /// measures the JIT.
    /// </summary>
    private async Task<int> WarmUpAsync(HttpClient http, IReadOnlyList<CompletionTarget> targets, CancellationToken cancellationToken)
    {
        var best = new double[targets.Count];
        for (var round = 1; ; round++)
        {
            var rose = false;
            for (var i = 0; i < targets.Count; i++)
            {
                var samples = await ClosedLoopRunner.RunAsync(Workers(http, targets[i], 16), settings.InitialWarmup, settings.MaxRequestsPerPoint, cancellationToken);
                var rate = samples.TotalMs.Length / samples.Elapsed.TotalSeconds;
                rose |= rate > best[i] * (1 + WarmUpGain);
                best[i] = Math.Max(best[i], rate);
            }
            if ((!rose && round >= MinWarmUpRounds) || round == MaxWarmUpRounds)
            {
                return round;
            }
        }
    }

    private async Task<PointResult> MeasureAsync(
        HttpClient http, CompletionTarget target, int concurrency, SiloProcess? silo, Process self, CancellationToken cancellationToken)
    {
        var workers = Workers(http, target, concurrency);
        await ClosedLoopRunner.RunAsync(workers, settings.PointWarmup, settings.MaxRequestsPerPoint, cancellationToken);
        var siloBefore = silo?.CpuTime;
        var benchBefore = CpuTime(self);
        var machineBefore = MachineCpu.Busy();
        var samples = await ClosedLoopRunner.RunAsync(workers, settings.Duration, settings.MaxRequestsPerPoint, cancellationToken);
        var siloUsed = silo is null ? TimeSpan.Zero : silo.CpuTime - siloBefore!.Value;
        var benchUsed = CpuTime(self) - benchBefore;
        var machineUsed = MachineCpu.Busy() - machineBefore;
        var answered = Math.Max(1, samples.TotalMs.Length);
        return new PointResult(
            target.Route, target.Mode, concurrency, samples.TotalMs.Length, samples.Errors, samples.FirstError, samples.Elapsed,
            LatencyPercentiles.Of(samples.TotalMs), target.Stream ? LatencyPercentiles.Of(samples.FirstByteMs) : null,
            silo is null ? null : siloUsed.TotalMicroseconds / answered,
            benchUsed.TotalMicroseconds / answered,
            machineUsed is { } used ? Math.Max(0, (used - siloUsed - benchUsed) / samples.Elapsed) : null);
    }

    private async Task<SiloProcess> StartSiloAsync(IEnumerable<string> modelArguments, CancellationToken cancellationToken)
    {
        var dll = await SiloBuild.EnsureAsync(settings.RebuildStaleSilo, log, cancellationToken);
        return await SiloProcess.StartAsync(dll, modelArguments, cancellationToken);
    }

    private CompletionTarget Target(BenchRoute route, bool stream, string siloUrl, string upstreamBaseUrl, string run)
    {
        var (baseUrl, model) = route switch
        {
            BenchRoute.SimulatedViaSilo => (siloUrl.TrimEnd('/') + "/v1", OverheadSettings.SimulatedModel),
            BenchRoute.OpenAiDirect => (upstreamBaseUrl, OverheadSettings.OpenAiModel),
            _ => (siloUrl.TrimEnd('/') + "/v1", OverheadSettings.OpenAiModel),
        };
        return CompletionTarget.For(route, stream, baseUrl, model, settings.OutputTokens, settings.Cache, run);
    }

    /// <summary>One answer from every target before any load, so that a misconfigured silo fails with a clear message.</summary>
    private static async Task CheckAsync(HttpClient http, IEnumerable<CompletionTarget> targets, string? remoteSilo, IEnumerable<string> modelArguments, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            try
            {
                await new CompletionProbe(http, target).SendAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidDataException && !cancellationToken.IsCancellationRequested)
            {
                var hint = remoteSilo is null || target.Route == BenchRoute.OpenAiDirect
                    ? ""
                    : $" A silo given with --silo needs the bench's models: start it with {string.Join(' ', modelArguments)}";
                throw new InvalidOperationException($"{exception.Message}.{hint}", exception);
            }
        }
    }

    private static List<CompletionProbe> Workers(HttpClient http, CompletionTarget target, int concurrency) =>
        [.. Enumerable.Range(0, concurrency).Select(_ => new CompletionProbe(http, target))];

    private static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static string Describe(PointResult point)
    {
        var total = point.Total is { } t ? $"p50 {t.P50:0.000} ms, p99 {t.P99:0.000} ms" : "no answers";
        var firstByte = point.FirstByte is { } f ? $", first byte p50 {f.P50:0.000} ms" : "";
        var others = point.OtherProcessesCores is { } cores ? $", other processes {cores:0.00} cores" : "";
        var errors = point.Errors > 0 ? $", {point.Errors} errors ({point.FirstError})" : "";
        return $"  {OverheadNames.Of(point.Route),-18} {point.Mode,-4} c{point.Concurrency,-3} {point.RequestsPerSecond,8:0} req/s, {total}{firstByte}{others}{errors}";
    }
}
