namespace Client.Bench.WatchCost;

/// <summary>Two back-to-back slices, one per silo, in the order given by <see cref="WatchedFirst"/>.</summary>
internal sealed record SlicePair(int Index, bool WatchedFirst, SliceResult Watched, SliceResult Unwatched)
{
    /// <summary>Watched throughput over unwatched: 0.95 means watching cost 5% in this pair.</summary>
    public double Ratio => Unwatched.RequestsPerSecond == 0 ? 0 : Watched.RequestsPerSecond / Unwatched.RequestsPerSecond;
}
