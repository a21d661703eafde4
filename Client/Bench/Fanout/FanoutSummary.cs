using Grains.Interfaces.Jobs;

namespace Client.Bench.Fanout;

/// <summary>The bench's results: one row per scenario, the parallel speed-ups, and the targets.</summary>
internal sealed class FanoutSummary(FanoutSettings settings, IReadOnlyList<FanoutRow> rows)
{
    public const double RatioLimit = 1.02;

    public FanoutSettings Settings => settings;

    public IReadOnlyList<FanoutRow> Rows => rows;

    public FanoutRow Batch => rows.Single(r => r.IsBatch);

    public IEnumerable<FanoutRow> OneInput => rows.Where(r => !r.IsBatch);

    /// <summary>Sequential makespan over parallel makespan, per tool set.</summary>
    public IReadOnlyDictionary<string, double> Speedups => OneInput.GroupBy(r => r.Scenario.Set).ToDictionary(
        g => g.Key,
        g => g.Single(r => r.Scenario.Mode == JobMode.Sequential).Median.MakespanMs / g.Single(r => r.Scenario.Mode == JobMode.Parallel).Median.MakespanMs);

    public IReadOnlyList<FanoutTarget> Targets =>
    [
        .. OneInput.Where(r => r.Scenario.Mode == JobMode.Parallel).Select(r =>
            new FanoutTarget($"{r.Scenario.Name} ({r.Median.ToolMs.Count} tools): makespan / slowest tool", RatioLimit, r.Median.Ratio, r.WorstRatio)),
        new FanoutTarget($"{Batch.Scenario.Name}, cap {Batch.Scenario.MaxConcurrency}: makespan / ideal", RatioLimit, Batch.Median.RatioToIdeal, Batch.WorstRatioToIdeal),
    ];

    public static FanoutSummary Of(FanoutSettings settings, IReadOnlyList<FanoutScenario> scenarios, IReadOnlyList<FanoutRun> runs) =>
        new(settings, [.. scenarios.Select(s => FanoutRow.Of(s, runs))]);
}
