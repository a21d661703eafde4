using Grains.Interfaces.Models;
namespace Grains.Models;

/// <summary>A piece of a streamed answer (<see cref="Text"/>), or, last, the <see cref="Summary"/>.</summary>
public sealed record ModelStreamEvent(string? Text, string Model, ModelCallSummary? Summary)
{
    public static ModelStreamEvent Token(string text, string model) => new(text, model, null);

    public static ModelStreamEvent Completed(ModelCallSummary summary) => new(null, summary.Model, summary);
}
