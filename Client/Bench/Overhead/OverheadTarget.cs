namespace Client.Bench.Overhead;

/// <summary>A target from the issue: a limit the measured value must stay under (or, for throughput, reach).</summary>
internal sealed record OverheadTarget(string Name, double? Value, double Limit, bool AtMost)
{
    public bool? Met => Value is not { } value ? null : AtMost ? value <= Limit : value >= Limit;
}
