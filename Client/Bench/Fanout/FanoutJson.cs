namespace Client.Bench.Fanout;

/// <summary>The bench's last line: per set and mode, and the batch against its ideal, from the median runs.</summary>
internal static class FanoutJson
{
    public static object Of(FanoutSummary summary)
    {
        var batch = summary.Batch;
        return new
        {
            Scenario = "fanout",
            summary.Settings.TimeScale,
            summary.Settings.Runs,
            Sets = summary.OneInput.Select(row => new
            {
                row.Scenario.Set,
                Mode = row.Scenario.ModeName,
                Tools = row.Median.ToolMs.Count,
                MakespanMs = Round(row.Median.MakespanMs),
                SlowestToolMs = Round(row.Median.SlowestToolMs),
                SumToolMs = Round(row.Median.SumToolMs),
                Ratio = Round(row.Median.Ratio, 4),
                IdealMs = Round(row.Median.IdealMs),
                RatioToIdeal = Round(row.Median.RatioToIdeal, 4),
                WorstRatio = Round(row.WorstRatio, 4),
                ClientWallMs = Round(row.Median.WallMs),
            }),
            Batch = new
            {
                batch.Scenario.Set,
                Inputs = batch.Scenario.Inputs,
                Tools = batch.Median.ToolMs.Count,
                MaxConcurrency = batch.Scenario.MaxConcurrency,
                MakespanMs = Round(batch.Median.MakespanMs),
                SlowestToolMs = Round(batch.Median.SlowestToolMs),
                SumToolMs = Round(batch.Median.SumToolMs),
                Ratio = Round(batch.Median.Ratio, 4),
                IdealMs = Round(batch.Median.IdealMs),
                RatioToIdeal = Round(batch.Median.RatioToIdeal, 4),
                WorstRatioToIdeal = Round(batch.WorstRatioToIdeal, 4),
                LowerBoundMs = Round(batch.Median.LowerBoundMs),
                RatioToLowerBound = Round(batch.Median.MakespanMs / batch.Median.LowerBoundMs, 4),
                LongestFirstMs = Round(batch.Median.LongestFirstMs),
                ClientWallMs = Round(batch.Median.WallMs),
            },
            Speedup = summary.Speedups.ToDictionary(s => s.Key, s => Round(s.Value, 2)),
            TargetsMet = summary.Targets.All(t => t.Met),
        };
    }

    private static double Round(double value, int digits = 1) => BenchJson.Round(value, digits);
}
