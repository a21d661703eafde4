namespace Runtime;

/// <summary>Requests to this grain interleave at awaits; code still runs one piece at a time.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
