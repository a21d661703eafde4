using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>
/// A positional record with every shape the compiled copy handles: constructor-bound and init-only members,
/// lists, arrays, dictionaries, sets, the list and dictionary interfaces, nested classes and structs, nullables,
/// enums, byte[] and members JSON ignores.
/// </summary>
public sealed record Order(string Id, List<OrderLine> Lines, Dictionary<string, List<int>> Tags)
{
    public Address? Shipping { get; init; }
    public int[] Scores { get; init; } = [];
    public Address[] Stops { get; init; } = [];
    public int? Priority { get; init; }
    public Parcel? Parcel { get; init; }
    public Parcel Box { get; set; }
    public OrderStatus Status { get; init; }
    public DateTimeOffset Placed { get; init; }
    public Guid Reference { get; init; }
    public byte[] Payload { get; init; } = [];
    public HashSet<string> Labels { get; init; } = [];
    public IReadOnlyList<Address> History { get; init; } = [];
    public IEnumerable<OrderLine> Returns { get; init; } = [];
    public IReadOnlyDictionary<Guid, Address> Warehouses { get; init; } = new Dictionary<Guid, Address>();
    public Money Total { get; init; } = new(0m, []);
    public List<List<int>> Matrix { get; init; } = [];
    public List<string?> Sparse { get; init; } = [];

    [JsonIgnore]
    public List<string> Scratch { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Optional { get; set; } = ["default"];
}
