using System.Text.RegularExpressions;

namespace Grains.Caching.Semantic;

/// <summary>
/// Refuses a semantic match between prompts that read alike but mean different things, whatever their similarity:
/// a negation on one side only, different numbers, different named entities, opposite verbs or adjectives
/// (on/off, enable/disable, ...), or the same words with two participants swapped (who does what to whom).
/// </summary>
public static partial class MeaningGuard
{
    private static readonly HashSet<string> Negations =
    [
        "not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without", "cannot", "can't", "don't",
        "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "couldn't", "hasn't",
        "haven't", "hadn't", "mustn't", "dont", "doesnt", "isnt", "cant", "wont",
    ];

    private static readonly (string, string)[] Opposites =
    [
        ("on", "off"), ("enable", "disable"), ("enabled", "disabled"), ("increase", "decrease"), ("add", "remove"),
        ("start", "stop"), ("open", "close"), ("allow", "deny"), ("allow", "block"), ("up", "down"), ("buy", "sell"),
        ("before", "after"), ("max", "min"), ("maximum", "minimum"), ("upload", "download"), ("encrypt", "decrypt"),
        ("import", "export"), ("lock", "unlock"), ("include", "exclude"), ("accept", "reject"), ("create", "delete"),
        ("install", "uninstall"), ("subscribe", "unsubscribe"), ("connect", "disconnect"), ("true", "false"),
        ("yes", "no"), ("higher", "lower"), ("more", "less"), ("larger", "smaller"), ("faster", "slower"),
        ("first", "last"), ("in", "out"), ("inbound", "outbound"), ("public", "private"), ("win", "lose"), ("push", "pull"),
    ];

    private static readonly HashSet<string> NumberWords =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "half", "double", "twice",
    ];

    /// <summary>Why the two prompts differ in meaning, or null when no guard objects.</summary>
    public static string? Difference(string a, string b)
    {
        var wordsA = TextTokens.Lower(a);
        var wordsB = TextTokens.Lower(b);
        if (wordsA.Count(Negations.Contains) != wordsB.Count(Negations.Contains) || CountNt(a) != CountNt(b))
        {
            return "negation";
        }
        if (!SameMultiset(Numbers(a, wordsA), Numbers(b, wordsB)))
        {
            return "numbers";
        }
        if (!Entities(a).SetEquals(Entities(b)))
        {
            return "named entities";
        }
        var setA = wordsA.ToHashSet();
        var setB = wordsB.ToHashSet();
        foreach (var (x, y) in Opposites)
        {
            if ((setA.Contains(x) && !setA.Contains(y) && setB.Contains(y) && !setB.Contains(x))
                || (setA.Contains(y) && !setA.Contains(x) && setB.Contains(x) && !setB.Contains(y)))
            {
                return $"opposites ({x}/{y})";
            }
        }
        return IsSwap(TextTokens.ContentWords(a), TextTokens.ContentWords(b)) ? "who does what" : null;
    }

    private static int CountNt(string text) => NtPattern().Matches(text).Count;

    private static List<string> Numbers(string text, IReadOnlyList<string> words) =>
        [.. DigitsPattern().Matches(text).Select(m => m.Value.TrimEnd('.')), .. words.Where(NumberWords.Contains)];

    /// <summary>Capitalized words not opening a sentence, acronyms and words with digits: names of things.</summary>
    private static HashSet<string> Entities(string text)
    {
        var entities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var words = TextTokens.Words(text);
        var sentenceStart = true;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var named = word.Any(char.IsDigit) && word.Any(char.IsLetter)
                || (word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Any(char.IsLetter))
                || (!sentenceStart && char.IsUpper(word[0]));
            if (named)
            {
                entities.Add(word);
            }
            var end = text.IndexOf(word, StringComparison.Ordinal) + word.Length;
            sentenceStart = end < text.Length && ".?!".Contains(text[end]);
        }
        return entities;
    }

    private static bool SameMultiset(List<string> a, List<string> b) =>
        a.Count == b.Count && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal));

    /// <summary>Same words, with exactly two of them exchanged: "Alice pays Bob" against "Bob pays Alice".</summary>
    private static bool IsSwap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count || !SameMultiset([.. a], [.. b]))
        {
            return false;
        }
        var differing = Enumerable.Range(0, a.Count).Where(i => a[i] != b[i]).ToList();
        return differing.Count == 2 && a[differing[0]] == b[differing[1]] && a[differing[1]] == b[differing[0]];
    }

    [GeneratedRegex(@"n['’]t\b", RegexOptions.IgnoreCase)]
    private static partial Regex NtPattern();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex DigitsPattern();
}
