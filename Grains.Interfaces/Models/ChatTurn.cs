namespace Grains.Interfaces.Models;

/// <summary>One message of a conversation as it crosses grain boundaries: role (system, user, assistant) and text.</summary>
public sealed record ChatTurn(string Role, string Content);
