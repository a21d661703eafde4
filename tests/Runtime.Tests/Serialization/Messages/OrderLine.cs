using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>A mutable class nested in lists, with a nullable nested object and a private member JSON includes.</summary>
public sealed class OrderLine
{
    [JsonInclude]
    private int _revision;

    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public decimal Price { get; set; }
    public Address? Origin { get; set; }
    public List<string> Notes { get; set; } = [];

    [JsonIgnore]
    public int Revision => _revision;

    public void Revise() => _revision++;
}
