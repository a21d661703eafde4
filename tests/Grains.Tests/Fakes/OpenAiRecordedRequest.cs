namespace Grains.Tests.Fakes;

/// <summary>What <see cref="OpenAiFakeServer"/> received, for tests to assert the request mapping.</summary>
public sealed record OpenAiRecordedRequest(
    string Path,
    string? Model,
    IReadOnlyList<OpenAiRecordedMessage> Messages,
    int? MaxCompletionTokens,
    int? MaxTokens,
    bool Stream,
    bool IncludeUsage,
    double? Temperature,
    double? TopP,
    IReadOnlyList<string> Stop,
    string? Authorization)
{
    /// <summary>The output cap, whichever field carried it (max_tokens is the older spelling).</summary>
    public int? OutputCap => MaxCompletionTokens ?? MaxTokens;
}
