namespace Grains.Tests.Fakes;

/// <summary>One scripted reply of <see cref="OpenAiFakeServer"/>.</summary>
public sealed record OpenAiFakeBehavior(OpenAiFakeBehaviorKind Kind)
{
    /// <summary>Answer tokens (each one SSE chunk when streaming); capped by the request's max tokens.</summary>
    public int Tokens { get; init; } = 5;

    /// <summary>Reported as usage.prompt_tokens.</summary>
    public int PromptTokens { get; init; } = 12;

    /// <summary>Content chunks sent before a cut, truncation or hang.</summary>
    public int ChunksBeforeFailure { get; init; }

    public int RetryAfterSeconds { get; init; } = 2;

    /// <summary>error.message of error replies; tests put secrets here to check they are not echoed.</summary>
    public string ErrorMessage { get; init; } = "The fake server says no.";

    public static OpenAiFakeBehavior Answer(int tokens, int promptTokens = 12) =>
        new(OpenAiFakeBehaviorKind.Answer) { Tokens = tokens, PromptTokens = promptTokens };

    public static OpenAiFakeBehavior Throttle(int retryAfterSeconds = 2) =>
        new(OpenAiFakeBehaviorKind.Throttle) { RetryAfterSeconds = retryAfterSeconds, ErrorMessage = "Rate limit reached for requests." };

    public static OpenAiFakeBehavior ServerError() =>
        new(OpenAiFakeBehaviorKind.ServerError) { ErrorMessage = "The server had an error while processing your request. Sorry about that!" };

    public static OpenAiFakeBehavior BadRequest(string message = "Invalid value for 'messages'.") =>
        new(OpenAiFakeBehaviorKind.BadRequest) { ErrorMessage = message };

    public static OpenAiFakeBehavior CutStream(int chunksBeforeCut) =>
        new(OpenAiFakeBehaviorKind.CutStream) { ChunksBeforeFailure = chunksBeforeCut };

    public static OpenAiFakeBehavior TruncateStream(int chunks) =>
        new(OpenAiFakeBehaviorKind.TruncateStream) { ChunksBeforeFailure = chunks };

    public static OpenAiFakeBehavior Hang(int chunksBeforeHang) =>
        new(OpenAiFakeBehaviorKind.Hang) { ChunksBeforeFailure = chunksBeforeHang };

    public static OpenAiFakeBehavior MalformedChunk(int chunks) =>
        new(OpenAiFakeBehaviorKind.MalformedChunk) { ChunksBeforeFailure = chunks };

    /// <summary>The i-th (0-based) answer token; the answer is their concatenation.</summary>
    public static string Token(int index) => $"tok{index} ";

    public static string AnswerText(int tokens) => string.Concat(Enumerable.Range(0, tokens).Select(Token));
}
