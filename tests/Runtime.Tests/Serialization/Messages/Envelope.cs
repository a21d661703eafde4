using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>Members only JSON knows how to copy (object, JsonElement, JsonNode, a recursive type) beside plain ones.</summary>
public sealed record Envelope(string Kind, object? Body)
{
    public JsonObject? Extra { get; set; }
    public JsonElement Raw { get; set; }
    public TreeNode? Tree { get; set; }
    public Temperature? Reading { get; set; }
    public Stack<int> Undo { get; set; } = new();
    public List<string> Tags { get; set; } = [];
}
