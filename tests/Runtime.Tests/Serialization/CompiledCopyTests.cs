using System.Text.Json;
using Runtime.Serialization;
using Runtime.Tests.Serialization.Messages;

namespace Runtime.Tests.Serialization;

/// <summary>
/// The compiled copy builds what the JSON round trip builds (compared through their JSON), shares no mutable object
/// with the original, and is the plan chosen for plain message types.
/// </summary>
public sealed class CompiledCopyTests
{
    private readonly GrainSerializer _serializer = new();

    [Fact]
    public void Plain_message_types_get_a_compiled_copy()
    {
        Type[] compiled =
        [
            typeof(Order), typeof(OrderLine), typeof(Address), typeof(Parcel), typeof(Parcel?), typeof(Money),
            typeof(List<OrderLine>), typeof(Dictionary<string, List<int>>), typeof(int[]), typeof(Address[]), typeof(byte[]),
            typeof(HashSet<string>), typeof(IReadOnlyList<Address>), typeof(IEnumerable<OrderLine>),
            typeof(IReadOnlyDictionary<Guid, Address>), typeof(List<List<int>>), typeof(Pass), typeof(Envelope),
        ];
        Assert.All(compiled, type => Assert.Equal(CopyStrategy.Compiled, _serializer.Copier.GetPlan(type).Strategy));
        Assert.All([typeof(string), typeof(int?), typeof(OrderStatus), typeof(Guid)], type => Assert.Equal(CopyStrategy.Identity, _serializer.Copier.GetPlan(type).Strategy));
    }

    [Fact]
    public void The_copy_equals_the_json_round_trip_and_shares_nothing_mutable()
    {
        var original = Sample.Order();

        var copy = _serializer.Copy(original)!;

        Assert.Equal(Json(JsonCopy(original)), Json(copy));
        Assert.Equal(Json(original), Json(copy));
        Assert.Empty(MutableGraph.Shared(original, copy));
        Assert.NotSame(original, copy);
        // The check itself sees sharing: a shallow `with` copy shares every list and nested object.
        Assert.Contains(nameof(OrderLine), MutableGraph.Shared(original, original with { Id = "shallow" }));
    }

    [Fact]
    public void The_untyped_path_copies_the_same_way()
    {
        var original = Sample.Order();

        var copy = (Order)_serializer.Copy(original, typeof(Order))!;

        Assert.Equal(Json(original), Json(copy));
        Assert.Empty(MutableGraph.Shared(original, copy));
    }

    [Fact]
    public void Mutating_the_copy_deeply_leaves_the_original_unchanged()
    {
        var original = Sample.Order();
        var before = Json(original);
        var copy = _serializer.Copy(original)!;

        copy.Lines[0].Notes.Add("changed");
        copy.Lines[0].Origin!.Lines.Add("changed");
        copy.Lines[0].Quantity = 99;
        copy.Lines[0].Revise();
        copy.Lines.Add(new OrderLine());
        copy.Tags["x"].Add(3);
        copy.Tags["z"] = [];
        copy.Shipping!.Lines[0] = "changed";
        copy.Scores[0] = 0;
        copy.Stops[0].Lines.Clear();
        copy.Parcel!.Value.Contents.Add("changed");
        copy.Box.Contents.Clear();
        copy.Payload[0] = 9;
        copy.Labels.Add("changed");
        ((List<Address>)copy.History)[0].City = "changed";
        ((List<OrderLine>)copy.Returns)[0].Notes.Clear();
        copy.Warehouses[Guid.Empty].Lines.Add("changed");
        ((Dictionary<Guid, Address>)copy.Warehouses)[Guid.NewGuid()] = new Address();
        copy.Total.History.Add("changed");
        copy.Matrix[0][0] = 0;
        copy.Sparse[1] = "changed";
        copy.Scratch.Add("changed");
        copy.Optional!.Add("changed");

        Assert.Equal(before, Json(original));
        Assert.Equal(["not copied"], original.Scratch);
        Assert.Equal(0, original.Lines[0].Revision);
    }

    [Fact]
    public void Constructor_bound_init_only_and_private_members_are_copied()
    {
        var original = Sample.Order();
        original.Lines[0].Revise();

        var copy = _serializer.Copy(original)!;

        Assert.Equal("o-1", copy.Id);
        Assert.Equal(7, copy.Priority);
        Assert.Equal(OrderStatus.Placed, copy.Status);
        Assert.Equal(original.Placed, copy.Placed);
        Assert.Equal(12m, copy.Total.Amount);
        Assert.Equal("USD", copy.Total.Currency);
        Assert.Equal(["created"], copy.Total.History);
        Assert.Equal(1, copy.Lines[0].Revision);
        Assert.Equal(["book"], copy.Parcel!.Value.Contents);
        Assert.Null(copy.Lines[1].Origin);
        Assert.Equal(["a", null], copy.Sparse);
    }

    [Fact]
    public void Collections_come_back_as_the_types_json_builds()
    {
        var copy = _serializer.Copy(Sample.Order())!;

        Assert.IsType<List<Address>>(copy.History);
        Assert.IsType<List<OrderLine>>(copy.Returns);
        Assert.IsType<Dictionary<Guid, Address>>(copy.Warehouses);
        Assert.Equal(JsonCopy(Sample.Order())!.Returns.GetType(), copy.Returns.GetType());
    }

    [Fact]
    public void Members_json_ignores_are_left_as_the_constructor_makes_them()
    {
        var original = Sample.Order() with { Optional = null };
        var pass = new Pass("ana", ["lisbon"]);

        var copy = _serializer.Copy(original)!;
        var passCopy = _serializer.Copy(pass)!;

        Assert.Empty(copy.Scratch);
        Assert.NotSame(original.Scratch, copy.Scratch);
        // [JsonIgnore(WhenWritingNull)]: JSON leaves the member out, so the copy keeps the initializer's value.
        Assert.Equal(["default"], copy.Optional);
        Assert.Equal(JsonCopy(original)!.Optional, copy.Optional);
        Assert.Equal("ana", passCopy.Holder);
        Assert.Null(passCopy.Stamps);
    }

    [Fact]
    public void Nulls_and_empty_values_copy_as_they_are()
    {
        var original = new Order("o-2", [], []) { Shipping = null, Priority = null, Parcel = null, Total = new Money(0m, null!) };

        var copy = _serializer.Copy(original)!;

        Assert.Equal(Json(original), Json(copy));
        Assert.Null(copy.Shipping);
        Assert.Null(copy.Priority);
        Assert.Null(copy.Parcel);
        Assert.Null(copy.Total.History);
        Assert.Null(_serializer.Copy<Order>(null));
        Assert.Null(_serializer.Copy(null, typeof(Order)));
    }

    [Fact]
    public void A_derived_instance_is_copied_as_its_declared_type_as_json_does()
    {
        var dog = new Dog { Name = "rex", Tags = ["good"], GoodBoy = true };

        var copy = _serializer.Copy<Animal>(dog)!;
        var boxed = _serializer.Copy(dog, typeof(Animal))!;

        Assert.Equal(typeof(Animal), copy.GetType());
        Assert.Equal(typeof(Animal), boxed.GetType());
        Assert.Equal(JsonCopy<Animal>(dog)!.GetType(), copy.GetType());
        Assert.Equal("rex", copy.Name);
        Assert.NotSame(dog.Tags, copy.Tags);
    }

    [Fact]
    public void A_source_generated_contract_gets_a_compiled_copy_too()
    {
        var serializer = new GrainSerializer(new JsonSerializerOptions(MessagesJsonContext.Default.Options));
        var original = new Invoice("i-1", ["pen"]) { Counts = new() { ["pen"] = 2 }, To = new Address { City = "Porto", Lines = ["a"] } };

        var copy = serializer.Copy(original)!;

        Assert.Equal(CopyStrategy.Compiled, serializer.Copier.GetPlan(typeof(Invoice)).Strategy);
        Assert.Equal(
            JsonSerializer.Serialize(original, MessagesJsonContext.Default.Invoice),
            JsonSerializer.Serialize(copy, MessagesJsonContext.Default.Invoice));
        Assert.Empty(MutableGraph.Shared(original, copy));
    }

    [Fact]
    public async Task Concurrent_first_copies_of_many_types_agree()
    {
        var original = Sample.Order();
        var serializer = new GrainSerializer();

        var copies = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => serializer.Copy(original)!)));

        Assert.All(copies, copy => Assert.Equal(Json(original), Json(copy)));
    }

    private string Json<T>(T value) => JsonSerializer.Serialize(value, _serializer.Options);

    private T? JsonCopy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, _serializer.Options), _serializer.Options);
}
