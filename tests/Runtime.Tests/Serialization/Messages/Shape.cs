using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>Polymorphic through JSON's own discriminator: only the JSON copy keeps the derived type.</summary>
[JsonDerivedType(typeof(Circle), "circle")]
public abstract record Shape(string Label);
