using Client.Bench.WatchCost;

namespace Client.Tests.Bench.WatchCost;

public sealed class QuantileTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.75, 3.25)]
    [InlineData(1.0, 4.0)]
    public void Interpolates_between_the_closest_ranks(double quantile, double expected)
    {
        Assert.Equal(expected, Quantile.Of([1, 2, 3, 4], quantile), 9);
    }

    [Fact]
    public void One_value_is_every_quantile()
    {
        Assert.Equal(7, Quantile.Of([7], 0.25));
        Assert.Equal(7, Quantile.Of([7], 0.75));
    }

    [Fact]
    public void Empty_input_and_quantiles_outside_0_to_1_are_errors()
    {
        Assert.Throws<ArgumentException>(() => Quantile.Of([], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantile.Of([1, 2], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantile.Of([1, 2], -0.1));
    }
}
