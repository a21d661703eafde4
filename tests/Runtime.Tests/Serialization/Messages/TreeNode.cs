namespace Runtime.Tests.Serialization.Messages;

/// <summary>A recursive type: its values could be cycles, which only the JSON copy detects.</summary>
public sealed class TreeNode
{
    public string Name { get; set; } = "";
    public List<TreeNode> Children { get; set; } = [];
}
