namespace Runtime.Serialization;

/// <summary>The result of a grain method that returns a plain Task or ValueTask.</summary>
public readonly record struct VoidResult;
