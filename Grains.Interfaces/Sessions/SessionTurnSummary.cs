using Grains.Interfaces.Models;

namespace Grains.Interfaces.Sessions;

/// <summary>Sent once the turn is durable: the answer's model figures, stage timings and the session's size.</summary>
public sealed record SessionTurnSummary(ModelCallSummary Model, StageTimings Timings, int MessageCount);
