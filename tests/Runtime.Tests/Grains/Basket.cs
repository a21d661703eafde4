namespace Runtime.Tests.Grains;

/// <summary>A mutable message, to prove it is copied.</summary>
public sealed class Basket
{
    public string Owner { get; set; } = "";
    public List<decimal> Prices { get; set; } = [];
}
