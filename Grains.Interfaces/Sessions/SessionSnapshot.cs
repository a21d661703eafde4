using Grains.Interfaces.Models;

namespace Grains.Interfaces.Sessions;

/// <summary>A session's committed history; <see cref="Exists"/> is false for a session never written.</summary>
public sealed record SessionSnapshot(string Id, bool Exists, IReadOnlyList<ChatTurn> Messages);
