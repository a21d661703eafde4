using Grains.Interfaces.Models;

namespace Grains.Interfaces.Sessions;

/// <summary>New messages for a session (usually one user message) and how to answer them.</summary>
public sealed record SessionTurnRequest(
    string Model,
    IReadOnlyList<ChatTurn> NewMessages,
    int? MaxTokens = null,
    float? Temperature = null,
    float? TopP = null,
    IReadOnlyList<string>? Stop = null,
    RequestPriority Priority = RequestPriority.Interactive);
