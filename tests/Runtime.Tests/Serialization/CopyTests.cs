using Runtime.Serialization;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Serialization;

public sealed class CopyTests
{
    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task Arguments_and_results_are_copies_even_for_local_calls(string transport)
    {
        await using var silo = await TestSilo.StartAsync();
        var (factory, client) = await Transports.FactoryAsync(silo, transport);
        await using var _ = client;
        var grain = factory.GetGrain<ICopyGrain>("copies");
        var mine = new List<int> { 1, 2 };

        var returned = await grain.AppendAndKeep(mine);

        Assert.Equal([1, 2], mine);
        Assert.Equal([1, 2, 99], returned);
        returned.Add(5);
        Assert.Equal([1, 2, 99], await grain.Kept());
    }

    [Fact]
    public async Task A_mutable_message_object_is_never_shared_with_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICopyGrain>("basket");
        var basket = new Basket { Owner = "ana", Prices = [10m, 20m] };

        var repriced = await grain.Reprice(basket, 2m);

        Assert.Equal([10m, 20m], basket.Prices);
        Assert.Equal([20m, 40m], repriced.Prices);
        Assert.Equal("ana", repriced.Owner);
        Assert.NotSame(basket, repriced);
    }

    [Fact]
    public void Immutable_values_pass_without_a_copy_and_mutable_ones_are_copied()
    {
        var serializer = new GrainSerializer();
        var text = new string('x', 3);
        var list = new List<string> { "a" };

        Assert.Same(text, serializer.Copy(text));
        var copy = serializer.Copy(list)!;
        Assert.NotSame(list, copy);
        Assert.Equal(list, copy);
    }
}
