namespace Client.Bench.Fanout;

/// <summary>
/// One job as it ran: the job's own makespan (from its start to its last durable write), the wall time the client
/// saw (Start to job.finished), each tool's measured duration, and from those the ratios the bench reports.
/// </summary>
internal sealed record FanoutRun(FanoutScenario Scenario, double MakespanMs, double WallMs, IReadOnlyList<double> ToolMs, IReadOnlyList<int?> Upstream)
{
    public double SlowestToolMs => ToolMs.Max();

    public double SumToolMs => ToolMs.Sum();

    /// <summary>Makespan over the slowest tool: 1.0 is a perfect fan-out.</summary>
    public double Ratio => MakespanMs / SlowestToolMs;

    /// <summary>What the job's scheduling would reach with these durations and no overhead between tools.</summary>
    public double IdealMs => ListSchedule.Makespan(ToolMs, Upstream, Scenario.Slots(ToolMs.Count));

    public double RatioToIdeal => MakespanMs / IdealMs;

    public double LowerBoundMs => ListSchedule.LowerBound(ToolMs, Scenario.Slots(ToolMs.Count));

    /// <summary>
    /// The same durations scheduled longest first (for independent tools): what the job would reach if it ordered
    /// calls by expected length instead of taking them in the order given.
    /// </summary>
    public double LongestFirstMs => ListSchedule.Makespan([.. ToolMs.OrderDescending()], [.. ToolMs.Select(_ => (int?)null)], Scenario.Slots(ToolMs.Count));
}
