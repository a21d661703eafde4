namespace Client.Bench.Fanout;

/// <summary>A target of the fan-out bench: a ratio that must stay at or below <see cref="Limit"/>.</summary>
internal sealed record FanoutTarget(string Name, double Limit, double Value, double Worst)
{
    public bool Met => Value <= Limit;
}
