using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Client.Bench.Overhead;

/// <summary>
/// Parsers for the bench's numeric options. A parser rather than a validator: a validator reading a value that
/// does not convert ("abc") throws instead of reporting an error.
/// </summary>
internal static class NumberOptionParser
{
    /// <summary>An option of one number, <paramref name="fallback"/> when not given, refused with one error line when not <paramref name="expected"/>.</summary>
    public static Option<T> Create<T>(string name, T fallback, Func<T, bool> valid, string expected, string description) where T : IParsable<T> => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = r => One(r, name, fallback, valid, expected),
    };

    public static T One<T>(ArgumentResult result, string name, T fallback, Func<T, bool> valid, string expected) where T : IParsable<T> =>
        result.Tokens.Count == 0 ? fallback : Convert(result, result.Tokens[0].Value, name, fallback, valid, expected);

    public static T[] Many<T>(ArgumentResult result, string name, T[] fallback, Func<T, bool> valid, string expected) where T : IParsable<T> =>
        result.Tokens.Count == 0 ? fallback : [.. result.Tokens.Select(token => Convert(result, token.Value, name, fallback[0], valid, expected))];

    private static T Convert<T>(ArgumentResult result, string token, string name, T fallback, Func<T, bool> valid, string expected) where T : IParsable<T>
    {
        if (T.TryParse(token, CultureInfo.InvariantCulture, out var value) && valid(value))
        {
            return value;
        }
        result.AddError($"{name} must be {expected}, not '{token}'.");
        return fallback;
    }
}
