using Runtime.Membership;

namespace Runtime.Tests.Grains;

public sealed class CopyGrain(ClusterView view) : Grain, ICopyGrain
{
    private List<int> _kept = [];

    public Task<List<int>> AppendAndKeep(List<int> items)
    {
        items.Add(99);
        _kept = items;
        return Task.FromResult(items);
    }

    public Task<List<int>> Kept() => Task.FromResult(_kept);

    public Task<Basket> Reprice(Basket basket, decimal factor)
    {
        basket.Prices = [.. basket.Prices.Select(p => p * factor)];
        return Task.FromResult(basket);
    }

    public Task<string> WhereAmI() => Task.FromResult(view.Self!.Endpoint);
}
