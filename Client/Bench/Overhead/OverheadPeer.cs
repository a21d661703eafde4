namespace Client.Bench.Overhead;

/// <summary>
/// A popular open-source gateway measured on this machine, as quoted in the issue that asked for this bench; it is
/// not measured by the bench, only drawn beside its figures for scale. Ranges are (low, high).
/// </summary>
internal static class OverheadPeer
{
    public const string Name = "a popular open-source gateway, as quoted in the issue";

    public static readonly (double Low, double High) AddedP50Ms = (1.4, 1.7);
    public static readonly (double Low, double High) AddedP99Ms = (24, 42);
    public static readonly (double Low, double High) FirstByteOverheadMs = (29, 29);
    public static readonly (double Low, double High) RequestsPerSecond = (700, 700);
}
