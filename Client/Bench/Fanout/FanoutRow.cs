namespace Client.Bench.Fanout;

/// <summary>A scenario's figures: its median run (by makespan over ideal), whose numbers agree with each other, and its worst ratios.</summary>
internal sealed record FanoutRow(FanoutScenario Scenario, FanoutRun Median, double WorstRatio, double WorstRatioToIdeal)
{
    public static FanoutRow Of(FanoutScenario scenario, IEnumerable<FanoutRun> runs)
    {
        var ordered = runs.Where(r => r.Scenario == scenario).OrderBy(r => r.RatioToIdeal).ToList();
        return new FanoutRow(scenario, ordered[(ordered.Count - 1) / 2], ordered.Max(r => r.Ratio), ordered.Max(r => r.RatioToIdeal));
    }

    public bool IsBatch => Scenario.Inputs > 1;
}
