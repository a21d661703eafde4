namespace Silo.Api.Errors;

/// <summary>OpenAI's error shape, so OpenAI SDKs report our errors as they report theirs.</summary>
public sealed record OpenAiErrorBody(OpenAiErrorDetail Error);

public sealed record OpenAiErrorDetail(string Message, string Type, string? Param, string? Code);
