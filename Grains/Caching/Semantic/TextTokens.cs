using System.Text.RegularExpressions;

namespace Grains.Caching.Semantic;

/// <summary>Words of a prompt, with the function words that carry little meaning marked as such.</summary>
internal static partial class TextTokens
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "to", "of", "for", "and", "or", "my", "your", "our",
        "i", "you", "we", "it", "this", "that", "these", "those", "do", "does", "did", "can", "could", "would", "should",
        "please", "how", "what", "what's", "whats", "me", "with", "by", "at", "as", "from", "into", "about", "some", "any",
        "there", "here", "tell", "give", "show", "way", "ways", "kindly", "just", "have", "has",
    ];

    private static readonly HashSet<string> Negations =
    [
        "not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without", "cannot", "dont",
        "doesnt", "isnt", "cant", "wont", "didnt", "arent", "wasnt", "werent", "shouldnt", "wouldnt", "couldnt",
    ];

    /// <summary>Number words as the digits they stand for, so "five tips" and "5 tips" are the same question.</summary>
    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
        ["thirteen"] = "13", ["fourteen"] = "14", ["fifteen"] = "15", ["sixteen"] = "16", ["seventeen"] = "17",
        ["eighteen"] = "18", ["nineteen"] = "19", ["twenty"] = "20", ["thirty"] = "30", ["forty"] = "40", ["fifty"] = "50",
        ["sixty"] = "60", ["seventy"] = "70", ["eighty"] = "80", ["ninety"] = "90", ["hundred"] = "100",
        ["thousand"] = "1000", ["million"] = "1000000", ["billion"] = "1000000000",
    };

    public static IReadOnlyList<string> Words(string text) => [.. WordPattern().Matches(text).Select(m => m.Value.Replace('’', '\''))];

    public static IReadOnlyList<string> Lower(string text) => [.. Words(text).Select(w => w.ToLowerInvariant())];

    public static IReadOnlyList<string> ContentWords(string text) => [.. Lower(text).Where(w => !StopWords.Contains(w))];

    public static bool IsStopWord(string lowerWord) => StopWords.Contains(lowerWord);

    /// <summary>"not", "never", "without", and every "n't" contraction ("doesn't", "can't", "won't").</summary>
    public static bool IsNegation(string lowerWord) => Negations.Contains(lowerWord) || lowerWord.EndsWith("n't", StringComparison.Ordinal);

    /// <summary>The digits a number word stands for ("five" is "5"), or null.</summary>
    public static string? NumberWord(string lowerWord) => NumberWords.GetValueOrDefault(lowerWord);

    /// <summary>
    /// The form of a content word the similarity compares: every negation is "not" (the guard counts them), number
    /// words are digits, and a crude stem drops inflections ("tests", "testing" and "test" are one word).
    /// </summary>
    public static string Canonical(string lowerWord) =>
        IsNegation(lowerWord) ? "not" : NumberWord(lowerWord) ?? Stem(lowerWord);

    internal static string Stem(string word)
    {
        if (word.Length <= 3 || !word.All(char.IsLetter))
        {
            return word;
        }
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            word = word[..^3] + "y";
        }
        else if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            word = word[..^3];
        }
        else if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            word = word[..^2];
        }
        else if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
        {
            word = word[..^1];
        }
        return word.Length > 3 && word.EndsWith('e') ? word[..^1] : word;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex WordPattern();
}
