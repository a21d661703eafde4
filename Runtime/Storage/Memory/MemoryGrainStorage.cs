namespace Runtime.Storage;

/// <summary>
/// Process-local grain storage for tests and single-silo development. State is lost when the process exits.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    // One lock for the whole table: compare-and-swap needs the read of the ETag and the write to be atomic,
    // and the critical sections are a dictionary lookup plus an array copy, so contention stays cheap.
    private readonly Lock _gate = new();
    private readonly Dictionary<(GrainId GrainId, string StateName), GrainStateRecord> _records = new();

    // Shared across all records and never reset, so an ETag is never reused, not even after a clear and
    // re-insert: a caller holding an ETag from before the clear cannot accidentally match the new record.
    private long _lastETag;

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Copy out so the caller can mutate the array without corrupting what is stored.
            return Task.FromResult(_records.TryGetValue((grainId, stateName), out var record)
                ? new GrainStateRecord(record.Data.ToArray(), record.ETag)
                : null);
        }
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (grainId, stateName);
        lock (_gate)
        {
            var storedETag = _records.TryGetValue(key, out var existing) ? existing.ETag : null;
            if (!string.Equals(storedETag, expectedETag, StringComparison.Ordinal))
            {
                throw new InconsistentStateException(stateName, grainId, expectedETag, storedETag);
            }

            // Copy in: the caller owns its buffer and may reuse it as soon as this call returns.
            var eTag = (++_lastETag).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _records[key] = new GrainStateRecord(data.ToArray(), eTag);
            return Task.FromResult(eTag);
        }
    }

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (grainId, stateName);
        lock (_gate)
        {
            var storedETag = _records.TryGetValue(key, out var existing) ? existing.ETag : null;
            if (!string.Equals(storedETag, expectedETag, StringComparison.Ordinal))
            {
                throw new InconsistentStateException(stateName, grainId, expectedETag, storedETag);
            }

            _records.Remove(key);
            return Task.CompletedTask;
        }
    }
}
