using System.Text.Json.Nodes;

namespace Grains.Tests.Fakes;

/// <summary>A request as the fake Bedrock runtime received it.</summary>
public sealed record BedrockFakeRequest(string Operation, string ModelId, string Authorization, string? SecurityToken, JsonObject Body);
