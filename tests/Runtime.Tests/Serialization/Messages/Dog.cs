namespace Runtime.Tests.Serialization.Messages;

public sealed class Dog : Animal
{
    public bool GoodBoy { get; set; }
}
