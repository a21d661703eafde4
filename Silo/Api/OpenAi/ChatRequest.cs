using Grains.Interfaces.Models;

namespace Silo.Api.OpenAi;

/// <summary>A validated chat request, whichever API it came through.</summary>
internal sealed record ChatRequest(
    string Model,
    IReadOnlyList<ChatTurn> Messages,
    bool Stream,
    int? MaxTokens,
    float? Temperature,
    float? TopP,
    IReadOnlyList<string>? Stop,
    bool IncludeUsage,
    bool HasTools);
