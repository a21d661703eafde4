using Runtime.Serialization;

namespace Runtime.Storage;

/// <summary>Binds one named state of one grain to a store; the ETag guards every write.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateLoader where TState : new()
{
    private readonly string _stateName;
    private readonly GrainId _grainId;
    private readonly IGrainStorage _storage;
    private readonly GrainSerializer _serializer;

    public PersistentState(string stateName, GrainId grainId, IGrainStorage storage, GrainSerializer serializer)
    {
        _stateName = stateName;
        _grainId = grainId;
        _storage = storage;
        _serializer = serializer;
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await _storage.ReadAsync(_stateName, _grainId, cancellationToken);
        if (record is null)
        {
            State = new();
            Etag = null;
            RecordExists = false;
            return;
        }
        State = (TState?)_serializer.Deserialize(record.Data, typeof(TState)) ?? new();
        Etag = record.ETag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = _serializer.Serialize(State, typeof(TState));
        Etag = await _storage.WriteAsync(_stateName, _grainId, data, Etag, cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await _storage.ClearAsync(_stateName, _grainId, Etag, cancellationToken);
        State = new();
        Etag = null;
        RecordExists = false;
    }
}
