namespace Grains.Interfaces.Models;

/// <summary>A model request as grains and clients send it; <see cref="Model"/> may be <c>auto</c>.</summary>
public sealed record CompletionRequest(
    string Model,
    IReadOnlyList<ChatTurn> Messages,
    int? MaxTokens = null,
    float? Temperature = null,
    string Tenant = "default",
    RequestPriority Priority = RequestPriority.Standard,
    TimeSpan? QueueTimeout = null);
