using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/Benchmarks -- --filter '*'            all benchmarks, BenchmarkDotNet's default job
/// dotnet run -c Release --project bench/Benchmarks -- --filter '*' --fast     one launch, 3 warmup + 15 x 250 ms iterations (about 2 minutes)
/// dotnet run -c Release --project bench/Benchmarks -- --filter '*' --job short  BenchmarkDotNet's short job (3 + 3 iterations)
/// dotnet run -c Release --project bench/Benchmarks -- --latency               per-call p50/p90/p99 of the grain calls and bare HTTP/2 (about 20 s)
/// dotnet run -c Release --project bench/Benchmarks -- --loop remote-add 10     one scenario back to back, for a profiler
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (Array.IndexOf(args, "--loop") is var loop and >= 0 && loop + 2 < args.Length)
        {
            return await CallLoop.RunAsync(args[loop + 1], double.Parse(args[loop + 2], System.Globalization.CultureInfo.InvariantCulture));
        }
        if (args.Contains("--latency"))
        {
            await LatencyProbe.RunAsync(localCalls: 200_000, remoteCalls: 20_000);
            return 0;
        }
        // Results and logs stay inside the bench project (bin/ is ignored), whatever the working directory.
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        if (args.Contains("--fast"))
        {
            config = config.AddJob(Job.Default
                .WithId("fast")
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(15)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)));
            args = [.. args.Where(a => a != "--fast")];
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
