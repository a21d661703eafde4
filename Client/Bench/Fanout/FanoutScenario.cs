using Grains.Interfaces.Jobs;

namespace Client.Bench.Fanout;

/// <summary>One measured job shape: a tool set over <see cref="Inputs"/> inputs, in a mode, with a cap on tools in flight.</summary>
internal sealed record FanoutScenario(string Name, string Set, JobMode Mode, int Inputs, int MaxConcurrency)
{
    /// <summary>Slots the scheduler has: one in sequential mode, else the cap (never more than there are tools).</summary>
    public int Slots(int tools) => Mode == JobMode.Sequential ? 1 : Math.Min(MaxConcurrency, tools);

    public string ModeName => Mode.ToString().ToLowerInvariant();
}
