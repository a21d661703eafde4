namespace Runtime.Storage;

/// <summary>
/// A grain state store. Every write is conditional on the ETag the caller last saw: <c>null</c> means
/// "must not exist yet". A mismatch throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Returns the stored record, or <c>null</c> when the grain has no state under this name.</summary>
    Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="data"/> and returns the new ETag.</summary>
    Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record; succeeds quietly when it does not exist and no ETag is expected.</summary>
    Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default);
}
