using System.ComponentModel.DataAnnotations;

namespace Grains.Models.Configuration;

/// <summary>
/// <c>Routing</c>: how the model id <c>auto</c> is resolved. A request is complex (large model) when its last
/// user message is long, contains a task marker, brings tools, asks for a long answer, or the conversation
/// is long; otherwise it is simple (small model).
/// </summary>
public sealed class RoutingOptions
{
    public const string Section = "Routing";
    public const string AutoModel = "auto";

    [Required]
    public string SmallModel { get; set; } = "sim-small";

    [Required]
    public string LargeModel { get; set; } = "sim-large";

    [Range(1, 1_000_000)]
    public int ComplexPromptCharacters { get; set; } = 1200;

    [Range(1, 1_000_000)]
    public int ComplexMaxTokens { get; set; } = 1500;

    [Range(1, 10_000)]
    public int ComplexConversationMessages { get; set; } = 12;

    public List<string> ComplexMarkers { get; set; } =
    [
        "analyze", "analyse", "architecture", "design", "step by step", "explain why", "compare", "review",
        "refactor", "prove", "derive", "optimize", "cloudformation", "trade-off", "tradeoff", "plan",
    ];
}
