using System.Text.Json.Serialization;

namespace Runtime.Tests.Serialization.Messages;

/// <summary>A record whose constructor parameter is bound to a member JSON ignores: the copy gets the default.</summary>
public sealed record Pass(string Holder, [property: JsonIgnore] List<string>? Stamps);
