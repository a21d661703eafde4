namespace Runtime.Tests.Serialization.Messages;

/// <summary>Fully populated values, so that every member has something to share or to lose.</summary>
public static class Sample
{
    public static Order Order()
    {
        var origin = new Address { Street = "1 Quay", City = "Porto", Lines = ["dock 4"] };
        return new Order(
            "o-1",
            [
                new OrderLine { Sku = "a", Quantity = 2, Price = 1.5m, Origin = origin, Notes = ["fragile"] },
                new OrderLine { Sku = "b", Quantity = 1, Price = 10m, Notes = [] },
            ],
            new Dictionary<string, List<int>> { ["x"] = [1, 2], ["y"] = [] })
        {
            Shipping = new Address { Street = "2 Rua", City = "Lisbon", Lines = ["floor 3", "left"] },
            Scores = [3, 1, 2],
            Stops = [new Address { City = "Coimbra", Lines = ["stop"] }],
            Priority = 7,
            Parcel = new Parcel(2.5, ["book"]),
            Box = new Parcel(1, ["lamp", "bulb"]),
            Status = OrderStatus.Placed,
            Placed = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)),
            Reference = Guid.Parse("6f1c1c0e-6a53-4f1e-9d55-0b8f1f7e2a10"),
            Payload = [1, 2, 3],
            Labels = ["blue", "big"],
            History = [new Address { City = "Braga", Lines = ["old"] }],
            Returns = [new OrderLine { Sku = "r", Notes = ["broken"] }],
            Warehouses = new Dictionary<Guid, Address> { [Guid.Empty] = new Address { City = "Faro", Lines = ["bay 9"] } },
            Total = new Money(12m, ["created"], "USD"),
            Matrix = [[1, 2], [3]],
            Sparse = ["a", null],
            Scratch = ["not copied"],
            Optional = ["set"],
        };
    }
}
