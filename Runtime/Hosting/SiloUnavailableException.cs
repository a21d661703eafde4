namespace Runtime.Hosting;

/// <summary>The silo cannot take the call (shutting down, or unreachable); the caller may retry elsewhere.</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException(string message) : base(message) { }

    public SiloUnavailableException(string message, Exception inner) : base(message, inner) { }
}
