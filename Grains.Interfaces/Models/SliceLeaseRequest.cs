namespace Grains.Interfaces.Models;

/// <summary>
/// One exchange between a silo and a model grain: the slices the silo is done with, the calls it made under its
/// slices since the last exchange, and the budget it wants for the next term (none when
/// <see cref="WantedRequests"/> is 0). <see cref="MinimumTokens"/> is the reservation of the call waiting for it:
/// a slice smaller than that would be of no use. <see cref="InFlight"/> is how many calls run under the silo's slices
/// now, for the model's status.
/// </summary>
public sealed record SliceLeaseRequest(
    string Silo,
    int InFlight,
    int WantedRequests,
    long WantedTokens,
    int MinimumTokens,
    IReadOnlyList<SliceSettlement> Settled,
    IReadOnlyList<CompletionReport> Calls);
