namespace Grains.Interfaces.Jobs;

/// <summary>
/// One tool to run and the input its prompt template is filled from. Calls of one input (one slide, say) share a
/// <see cref="Group"/>, so a tool that takes another's output (Tools:&lt;name&gt;:InputFrom) finds it in its group.
/// </summary>
public sealed record ToolCall(string Tool, IReadOnlyDictionary<string, string> Input, int Group = 0);
