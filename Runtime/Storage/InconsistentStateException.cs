namespace Runtime.Storage;

/// <summary>A write or clear presented an ETag that no longer matches the store: someone else wrote first.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message) : base(message) { }

    public InconsistentStateException(string stateName, GrainId grainId, string? expectedETag, string? storedETag)
        : base($"Stale write of state '{stateName}' for grain {grainId}: expected ETag '{expectedETag ?? "<none>"}' but the store holds '{storedETag ?? "<none>"}'. Nothing was changed; re-read the state and try again.")
    {
        StoredETag = storedETag;
        ExpectedETag = expectedETag;
    }

    public string? StoredETag { get; }
    public string? ExpectedETag { get; }
}
