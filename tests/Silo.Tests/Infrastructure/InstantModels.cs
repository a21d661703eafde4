namespace Silo.Tests.Infrastructure;

/// <summary>Settings that make both default simulated models answer at once with five tokens, without random latency.</summary>
internal static class InstantModels
{
    public const int OutputTokens = 5;

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new[] { "sim-small", "sim-large" }
        .SelectMany(model => new[]
        {
            ($"Models:{model}:TtftMs", "0"),
            ($"Models:{model}:TtftJitterMs", "0"),
            ($"Models:{model}:TokensPerSecond", "0"),
            ($"Models:{model}:OutputTokens", OutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        .ToDictionary(s => s.Item1, s => (string?)s.Item2);

    /// <summary>The same settings as command-line arguments for a silo process.</summary>
    public static IEnumerable<string> Arguments => Settings.Select(s => $"--{s.Key}={s.Value}");
}
