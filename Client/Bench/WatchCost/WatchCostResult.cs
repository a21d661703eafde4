namespace Client.Bench.WatchCost;

/// <summary>Everything one run measured: the pairs of every start, how long each warm-up took, and what the watchers did.</summary>
internal sealed record WatchCostResult(
    IReadOnlyList<SlicePair> Pairs,
    IReadOnlyList<int> WarmupRounds,
    int Scrapes,
    long DashboardPolls,
    int WatcherErrors,
    string? FirstWatcherError,
    double? LoadBefore,
    double? LoadAfter)
{
    public PairedComparison Comparison { get; } = PairedComparison.Of(Pairs);

    public int LoadErrors => Pairs.Sum(p => p.Watched.Errors + p.Unwatched.Errors);

    public string? FirstLoadError => Pairs.Select(p => p.Watched.FirstError ?? p.Unwatched.FirstError).FirstOrDefault(e => e is not null);
}
