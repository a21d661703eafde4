namespace Grains.Interfaces.Sessions;

/// <summary>Where a turn's time went, in milliseconds; sent in the final event and the Server-Timing header.</summary>
public sealed record StageTimings(double AdmissionMs, double CacheMs, double? ModelTtftMs, double ModelMs, double PersistenceMs, double TotalMs);
