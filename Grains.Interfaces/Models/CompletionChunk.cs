namespace Grains.Interfaces.Models;

/// <summary>A streamed piece of an answer, or, last, its summary.</summary>
public sealed record CompletionChunk(string? Text, string Model, ModelCallSummary? Summary);
