using Grains.Interfaces.Models;
using Microsoft.Extensions.AI;

namespace Grains.Models;

/// <summary>One request for a model answer, before routing.</summary>
public sealed record ModelCallRequest
{
    /// <summary>A configured model id, or <c>auto</c>.</summary>
    public required string Model { get; init; }

    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    public int? MaxTokens { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }

    public bool HasTools { get; init; }

    public string Tenant { get; init; } = "default";

    public RequestPriority Priority { get; init; } = RequestPriority.Standard;

    /// <summary>How long to wait for budget when every candidate is short; the configured default when null.</summary>
    public TimeSpan? QueueTimeout { get; init; }
}
