namespace Runtime;

/// <summary>A grain threw an exception whose type the caller's process cannot recreate.</summary>
public sealed class RemoteGrainException(string remoteType, string message) : Exception(message)
{
    /// <summary>Full name of the exception type the grain threw.</summary>
    public string RemoteType { get; } = remoteType;

    public override string ToString() => $"{RemoteType}: {Message}";
}
