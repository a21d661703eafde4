namespace Grains.Interfaces.Models;

public sealed record CompletionResult(string Text, ModelCallSummary Summary);
