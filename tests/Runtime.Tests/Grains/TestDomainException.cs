namespace Runtime.Tests.Grains;

public sealed class TestDomainException(string message) : Exception(message);
