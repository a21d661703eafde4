using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runtime.Serialization;
using Runtime.Tests.Serialization.Messages;

namespace Runtime.Tests.Serialization;

/// <summary>What the compiled copy cannot reproduce keeps the JSON round trip, whole or for one member, and stays correct.</summary>
public sealed class FallbackCopyTests
{
    private readonly GrainSerializer _serializer = new();

    [Theory]
    [InlineData(typeof(Shape))]
    [InlineData(typeof(Temperature))]
    [InlineData(typeof(Badge))]
    [InlineData(typeof(TreeNode))]
    [InlineData(typeof(List<TreeNode>))]
    [InlineData(typeof(Audited))]
    [InlineData(typeof(object))]
    [InlineData(typeof(JsonElement))]
    [InlineData(typeof(JsonObject))]
    [InlineData(typeof(List<object>))]
    [InlineData(typeof(Stack<int>))]
    [InlineData(typeof(Queue<Address>))]
    [InlineData(typeof(IAsyncEnumerable<int>))]
    [InlineData(typeof(Gauge))]
    public void Types_only_json_can_copy_keep_the_json_copy(Type type) =>
        Assert.Equal(CopyStrategy.Json, _serializer.Copier.GetPlan(type).Strategy);

    [Fact]
    public void A_polymorphic_value_keeps_its_derived_type()
    {
        Shape original = new Circle("c", 2.0, [1, 2]);

        var copy = Assert.IsType<Circle>(_serializer.Copy(original));

        Assert.Equal(original, copy with { Marks = ((Circle)original).Marks });
        Assert.Equal([1, 2], copy.Marks);
        Assert.NotSame(((Circle)original).Marks, copy.Marks);
    }

    [Fact]
    public void Converters_decide_what_survives_as_in_the_json_copy()
    {
        var temperature = new Temperature { Celsius = 21.5, Note = "dropped by the converter" };
        var badge = new Badge { Name = "gold", Levels = [1] };

        var temperatureCopy = _serializer.Copy(temperature)!;
        var badgeCopy = _serializer.Copy(badge)!;

        Assert.Equal(21.5, temperatureCopy.Celsius);
        Assert.Equal("", temperatureCopy.Note);
        Assert.Equal("GOLD", badgeCopy.Name);
        Assert.NotSame(badge.Levels, badgeCopy.Levels);
    }

    [Fact]
    public void A_recursive_type_is_copied_deeply_and_a_cycle_fails_as_before()
    {
        var tree = new TreeNode { Name = "root", Children = [new TreeNode { Name = "leaf" }] };
        var cycle = new TreeNode { Name = "loop" };
        cycle.Children.Add(cycle);

        var copy = _serializer.Copy(tree)!;

        Assert.Equal("leaf", copy.Children[0].Name);
        Assert.Empty(MutableGraph.Shared(tree, copy));
        Assert.Throws<JsonException>(() => _serializer.Copy(cycle));
    }

    [Fact]
    public void Members_only_json_can_copy_take_it_while_the_rest_is_compiled()
    {
        using var raw = JsonDocument.Parse("""{"a":[1,2]}""");
        var original = new Envelope("note", new Address { City = "Porto" })
        {
            Extra = new JsonObject { ["k"] = new JsonArray(1, 2) },
            Raw = raw.RootElement.Clone(),
            Tree = new TreeNode { Name = "t", Children = [new TreeNode { Name = "u" }] },
            Reading = new Temperature { Celsius = 3, Note = "dropped" },
            Undo = new Stack<int>([1, 2, 3]),
            Tags = ["x"],
        };

        var copy = _serializer.Copy(original)!;
        var viaJson = JsonSerializer.Deserialize<Envelope>(JsonSerializer.SerializeToUtf8Bytes(original, _serializer.Options), _serializer.Options)!;

        Assert.Equal(CopyStrategy.Compiled, _serializer.Copier.GetPlan(typeof(Envelope)).Strategy);
        Assert.Equal(JsonSerializer.Serialize(viaJson, _serializer.Options), JsonSerializer.Serialize(copy, _serializer.Options));
        // An object member comes back as a JsonElement, as it always did through JSON.
        Assert.IsType<JsonElement>(copy.Body);
        Assert.Equal(viaJson.Undo, copy.Undo);
        Assert.Equal("", copy.Reading!.Note);
        Assert.NotSame(original.Extra, copy.Extra);
        Assert.NotSame(original.Tree, copy.Tree);
        Assert.NotSame(original.Tags, copy.Tags);
        copy.Extra!["k"]!.AsArray().Add(3);
        Assert.Equal(2, original.Extra["k"]!.AsArray().Count);
    }

    [Fact]
    public void A_value_json_refuses_is_refused_by_the_copy_too()
    {
        var handle = new Handle { Pointer = 42, Names = ["a"] };

        Assert.ThrowsAny<NotSupportedException>(() => _serializer.Copy(handle));
        Assert.ThrowsAny<NotSupportedException>(() => JsonSerializer.SerializeToUtf8Bytes(handle, _serializer.Options));
    }

    [Fact]
    public void Serialization_callbacks_run_on_the_copy()
    {
        var copy = _serializer.Copy(new Audited { Items = ["a"] })!;

        Assert.True(copy.Deserialized);
        Assert.Equal(["a"], copy.Items);
    }

    [Fact]
    public void Options_that_change_the_round_trip_make_every_copy_a_json_copy()
    {
        var options = new JsonSerializerOptions(GrainSerializer.CreateDefaultOptions()) { ReferenceHandler = ReferenceHandler.Preserve };
        var serializer = new GrainSerializer(options);
        var shared = new Address { City = "Porto" };

        var copy = serializer.Copy(new List<Address> { shared, shared })!;

        Assert.Equal(CopyStrategy.Json, serializer.Copier.GetPlan(typeof(List<Address>)).Strategy);
        // Reference preservation keeps the aliasing inside the copy, and only JSON does that.
        Assert.Same(copy[0], copy[1]);
        Assert.NotSame(shared, copy[0]);
    }

    [Fact]
    public void A_custom_converter_for_an_immutable_type_still_applies_inside_objects()
    {
        var options = GrainSerializer.CreateDefaultOptions();
        options.Converters.Add(new UpperCaseConverter());
        var serializer = new GrainSerializer(options);

        var copy = serializer.Copy(new Address { City = "porto" })!;

        Assert.Equal("PORTO", copy.City);
        // On its own a string still passes as it is, as before.
        Assert.Equal("porto", serializer.Copy("porto"));
    }
}
