using Grains.Interfaces.Models;
using Grains.Interfaces.Sessions;

namespace Silo.Api.OpenAi;

/// <summary>A token of the answer, or, last, its summary and stage timings.</summary>
internal sealed record TurnPiece(string? Text, ModelCallSummary? Summary, StageTimings? Timings, int? MessageCount);
