namespace Runtime.Tests.Serialization.Messages;

/// <summary>A class JSON builds through its constructor (get-only properties, a parameter with a default).</summary>
public sealed class Money(decimal amount, List<string> history, string currency = "EUR")
{
    public decimal Amount { get; } = amount;
    public List<string> History { get; } = history;
    public string Currency { get; } = currency;
}
