namespace Runtime.Tests.Serialization.Messages;

public enum OrderStatus
{
    Draft,
    Placed,
    Shipped,
}
