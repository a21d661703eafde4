using Grains.Interfaces.Sessions;

namespace Silo.Api.Sessions;

/// <summary>The final event of a turn, sent only once the turn is durable.</summary>
internal sealed record SessionDoneEvent(string Model, IReadOnlyList<string> ModelsTried, int InputTokens, int OutputTokens, int Messages, StageTimings Timings);
