namespace Runtime;

/// <summary>This interface method runs even while a non-reentrant grain is busy with another request.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute;
