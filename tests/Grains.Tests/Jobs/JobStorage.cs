using Grains.Interfaces.Jobs;
using Grains.Jobs;
using Runtime;
using Runtime.Serialization;
using Runtime.Storage;

namespace Grains.Tests.Jobs;

/// <summary>
/// Memory grain storage that outlives a silo (hand the same instance to the next silo to "restart" it), lets a
/// test read a job's state exactly as stored, and can hold a job's writes to see what happens before they land.
/// </summary>
public sealed class JobStorage : IGrainStorage
{
    public const string StateName = "job";

    private readonly MemoryGrainStorage _inner = new();
    private readonly GrainSerializer _serializer = new();
    private volatile Func<string, JobState, Task>? _beforeWrite;

    /// <summary>Runs before each job state write lands (with the state being written); the write waits for it.</summary>
    public void BeforeWrite(Func<string, JobState, Task>? hook) => _beforeWrite = hook;

    /// <summary>The job's state as stored now, or null.</summary>
    public async Task<JobState?> ReadJobAsync(string jobKey)
    {
        var record = await _inner.ReadAsync(StateName, new GrainId(typeof(IJobGrain).FullName!, jobKey));
        return record is null ? null : Deserialize(record.Data);
    }

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(stateName, grainId, cancellationToken);

    public async Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken = default)
    {
        if (stateName == StateName && _beforeWrite is { } hook)
        {
            await hook(grainId.Key, Deserialize(data.Span));
        }
        return await _inner.WriteAsync(stateName, grainId, data, expectedETag, cancellationToken);
    }

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default) =>
        _inner.ClearAsync(stateName, grainId, expectedETag, cancellationToken);

    private JobState Deserialize(ReadOnlySpan<byte> data) => (JobState)_serializer.Deserialize(data, typeof(JobState))!;
}
