namespace Runtime.Tests.Serialization.Messages;

/// <summary>A mutable struct holding a list: copying the struct alone would share the list.</summary>
public record struct Parcel(double Weight, List<string> Contents);
