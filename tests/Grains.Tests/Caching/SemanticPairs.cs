using Client.Bench.Cache;

namespace Grains.Tests.Caching;

/// <summary>
/// The semantic cache's tuned pairs (<see cref="SemanticPairSet"/>, shared with `client bench cache`) as test data:
/// paraphrases that must reuse each other's answer, and near misses that must never be served each other's answer.
/// </summary>
public static class SemanticPairs
{
    public static (string Stored, string Asked)[] Paraphrases => SemanticPairSet.Paraphrases;

    public static (string Stored, string Asked, string Kind)[] NearMisses => SemanticPairSet.NearMisses;

    public static TheoryData<string, string> ParaphraseData => [.. Paraphrases.Select(p => (p.Stored, p.Asked))];

    public static TheoryData<string, string, string> NearMissData => [.. NearMisses];
}
