using System.Diagnostics;
using Grains.Interfaces.Jobs;
using Grains.Jobs;
using Grains.Models;
using Grains.Tools;
using Runtime;
using Runtime.Client;
using Runtime.Hosting;

namespace Client.Bench.Fanout;

/// <summary>
/// Runs every scenario <see cref="FanoutSettings.Runs"/> times, interleaved so that a slow moment of the machine
/// spreads over all of them, against an embedded silo (memory storage) through the cluster client, as a job of
/// the jobs API runs: Start, then follow its events to job.finished, then read its durable view.
/// </summary>
internal sealed class FanoutBenchmark(FanoutSettings settings, Action<FanoutRun, int>? progress)
{
    private const string Tenant = "default";
    private const int SingleJobCap = 16;

    public IReadOnlyList<FanoutScenario> Scenarios { get; } =
    [
        new("architect parallel", FanoutConfiguration.Architect, JobMode.Parallel, 1, SingleJobCap),
        new("architect sequential", FanoutConfiguration.Architect, JobMode.Sequential, 1, SingleJobCap),
        new("slides parallel", FanoutConfiguration.Slides, JobMode.Parallel, 1, SingleJobCap),
        new("slides sequential", FanoutConfiguration.Slides, JobMode.Sequential, 1, SingleJobCap),
        new($"slides batch {settings.Slides}x{FanoutConfiguration.SlideTools.Length}", FanoutConfiguration.Slides, JobMode.Parallel, settings.Slides, settings.BatchCap),
    ];

    public async Task<IReadOnlyList<FanoutRun>> RunAsync(CancellationToken cancellationToken)
    {
        await using var silo = await EmbeddedSilo.StartAsync(
            builder => builder.AddGrains(typeof(JobGrain).Assembly).AddMemoryGrainStorage(),
            FanoutConfiguration.For(settings.TimeScale),
            configureServices: (services, configuration) =>
            {
                services.AddModelLayer(configuration);
                services.AddTools(configuration);
            });
        await using var client = await ClusterClient.ConnectAsync(silo.ApiUrl, cancellationToken);
        // Unmeasured: compiles the code paths and activates the model grains, which every later job finds warm.
        foreach (var scenario in Scenarios.Where(s => s.Inputs == 1 && s.Mode == JobMode.Parallel))
        {
            await RunJobAsync(client, scenario, "warm-up", cancellationToken);
        }
        var runs = new List<FanoutRun>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var scenario in Scenarios)
            {
                var result = await RunJobAsync(client, scenario, $"run-{run}", cancellationToken);
                runs.Add(result);
                progress?.Invoke(result, run);
            }
        }
        return runs;
    }

    private static async Task<FanoutRun> RunJobAsync(IGrainFactory grains, FanoutScenario scenario, string label, CancellationToken cancellationToken)
    {
        var spec = FanoutJobs.Spec(scenario);
        var id = $"fanout-{scenario.Set}-{scenario.ModeName}-{scenario.Inputs}-{label}-{Guid.NewGuid():N}";
        var job = grains.GetGrain<IJobGrain>(JobKey.For(Tenant, id));
        var started = Stopwatch.GetTimestamp();
        await job.Start(spec);
        await foreach (var item in job.Events(0, cancellationToken))
        {
            if (item.Type == JobEventType.JobFinished)
            {
                break;
            }
        }
        var wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var view = await job.Get() ?? throw new InvalidOperationException($"Job '{id}' has no record after it finished.");
        if (view.Status != JobStatus.Completed)
        {
            // A failed tool has no comparable duration; the figures would compare different work.
            var failed = view.Tools.Where(t => t.Status != ToolStatus.Succeeded).Select(t => $"{t.Tool} {t.Status}: {t.Error}");
            throw new InvalidOperationException($"The {scenario.Name} job ended {view.Status}: {string.Join("; ", failed)}");
        }
        return new FanoutRun(scenario, view.MakespanMs!.Value, wallMs, [.. view.Tools.Select(t => t.DurationMs ?? 0)], FanoutJobs.Upstream(spec));
    }
}
