using Grains.Models.Providers;

namespace Grains.Tests.Infrastructure;

/// <summary>One scripted call: send <see cref="Tokens"/>, then fail with <see cref="Failure"/> if set.</summary>
public sealed record ScriptedStep(string[] Tokens, ModelErrorKind? Failure = null, TimeSpan? RetryAfter = null)
{
    public static ScriptedStep Answer(params string[] tokens) => new(tokens);

    public static ScriptedStep Fail(ModelErrorKind kind, TimeSpan? retryAfter = null) => new([], kind, retryAfter);

    public static ScriptedStep BreakAfter(ModelErrorKind kind, params string[] tokens) => new(tokens, kind);
}
