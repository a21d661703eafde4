namespace Runtime.Storage;

/// <summary>A stored state: its serialized bytes and the ETag that the next write must present.</summary>
public sealed record GrainStateRecord(byte[] Data, string ETag);
