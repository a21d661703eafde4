namespace Runtime;

/// <summary>Values of this type are never mutated, so local calls may pass them without a copy.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
