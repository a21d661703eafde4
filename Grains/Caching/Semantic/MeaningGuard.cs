using System.Text.RegularExpressions;

namespace Grains.Caching.Semantic;

/// <summary>
/// Refuses a semantic match between prompts that read alike but mean different things, whatever their similarity:
/// a negation on one side only, different numbers, different named entities, opposite verbs or adjectives
/// (on/off, enable/disable, lock/unlock, ...), or the same words with two participants swapped (who does what to whom).
/// </summary>
public static partial class MeaningGuard
{
    private static readonly (string, string)[] Opposites =
    [
        ("on", "off"), ("enable", "disable"), ("enabled", "disabled"), ("increase", "decrease"), ("add", "remove"),
        ("start", "stop"), ("open", "close"), ("allow", "deny"), ("allow", "block"), ("up", "down"), ("buy", "sell"),
        ("before", "after"), ("max", "min"), ("maximum", "minimum"), ("upload", "download"), ("encrypt", "decrypt"),
        ("import", "export"), ("lock", "unlock"), ("include", "exclude"), ("accept", "reject"), ("create", "delete"),
        ("install", "uninstall"), ("subscribe", "unsubscribe"), ("connect", "disconnect"), ("true", "false"),
        ("yes", "no"), ("higher", "lower"), ("more", "less"), ("larger", "smaller"), ("faster", "slower"),
        ("first", "last"), ("in", "out"), ("inbound", "outbound"), ("public", "private"), ("win", "lose"), ("push", "pull"),
        ("encode", "decode"), ("compress", "decompress"), ("merge", "split"), ("show", "hide"), ("upgrade", "downgrade"),
        ("send", "receive"), ("input", "output"), ("best", "worst"), ("light", "dark"), ("hot", "cold"), ("above", "below"),
        ("left", "right"), ("ascending", "descending"), ("uppercase", "lowercase"), ("advantages", "disadvantages"),
        ("pros", "cons"), ("login", "logout"), ("attach", "detach"), ("serialize", "deserialize"), ("cheap", "expensive"),
        ("cheapest", "most expensive"), ("long", "short"), ("longest", "shortest"), ("easy", "hard"), ("old", "new"),
        ("oldest", "newest"), ("early", "late"), ("earliest", "latest"), ("rise", "fall"), ("gain", "lose"),
        ("increment", "decrement"), ("expand", "collapse"), ("freeze", "unfreeze"), ("plus", "minus"),
    ];

    /// <summary>Prefixes that turn a verb into its opposite: lock/unlock, connect/disconnect, compress/decompress.</summary>
    private static readonly string[] ReversingPrefixes = ["un", "dis", "de"];

    /// <summary>Words that join two things without ordering them: "TCP and UDP" is "UDP and TCP".</summary>
    private static readonly HashSet<string> SymmetricJoins = ["and", "or", "vs", "vs.", "versus", "&"];

    /// <summary>Why the two prompts differ in meaning, or null when no guard objects.</summary>
    public static string? Difference(string a, string b)
    {
        var wordsA = TextTokens.Lower(a);
        var wordsB = TextTokens.Lower(b);
        if (wordsA.Count(TextTokens.IsNegation) != wordsB.Count(TextTokens.IsNegation))
        {
            return "negation";
        }
        if (!SameMultiset(Numbers(a, wordsA), Numbers(b, wordsB)))
        {
            return "numbers";
        }
        if (DifferentEntities(a, wordsA, b, wordsB))
        {
            return "named entities";
        }
        var setA = wordsA.ToHashSet();
        var setB = wordsB.ToHashSet();
        var joinedA = " " + string.Join(' ', wordsA) + " ";
        var joinedB = " " + string.Join(' ', wordsB) + " ";
        foreach (var (x, y) in Opposites)
        {
            if (OneSided(joinedA, setA, joinedB, setB, x, y) || OneSided(joinedA, setA, joinedB, setB, y, x))
            {
                return $"opposites ({x}/{y})";
            }
        }
        if ((ReversedByPrefix(setA, setB) ?? ReversedByPrefix(setB, setA)) is { } reversed)
        {
            return $"opposites ({reversed})";
        }
        return IsSwap(Relational(wordsA), Relational(wordsB)) ? "who does what" : null;
    }

    /// <summary>The first prompt says <paramref name="x"/> and not <paramref name="y"/>; the second the other way round.</summary>
    private static bool OneSided(string joinedA, HashSet<string> setA, string joinedB, HashSet<string> setB, string x, string y) =>
        Has(joinedA, setA, x) && !Has(joinedA, setA, y) && Has(joinedB, setB, y) && !Has(joinedB, setB, x);

    /// <summary>The word, or an inflection of it ("enables", "enabled", "enabling"); phrases as whole words.</summary>
    private static bool Has(string joined, HashSet<string> set, string word) =>
        word.Contains(' ') ? joined.Contains($" {word} ", StringComparison.Ordinal) : set.Any(w => w == word || IsInflection(w, word));

    private static bool IsInflection(string word, string stem) =>
        stem.Length > 3 && word.Length > stem.Length && word.Length <= stem.Length + 3
        && (TextTokens.Stem(word) == TextTokens.Stem(stem));

    /// <summary>"unlock" against "lock": a word in one prompt whose reversed form is in the other, and not the other way.</summary>
    private static string? ReversedByPrefix(HashSet<string> setA, HashSet<string> setB)
    {
        foreach (var word in setA)
        {
            foreach (var prefix in ReversingPrefixes)
            {
                if (word.Length >= prefix.Length + 4 && word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var stem = word[prefix.Length..];
                    if (setB.Contains(stem) && !setA.Contains(stem) && !setB.Contains(word))
                    {
                        return $"{stem}/{word}";
                    }
                }
            }
        }
        return null;
    }

    private static List<string> Numbers(string text, IReadOnlyList<string> words) =>
        [.. DigitsPattern().Matches(text).Select(m => m.Value.TrimEnd('.')), .. words.Select(TextTokens.NumberWord).OfType<string>(),
         .. words.Where(w => w is "half" or "double" or "twice" or "triple" or "quarter")];

    /// <summary>
    /// Named things (capitalized words not opening a sentence, acronyms, words with digits) that one prompt has and
    /// the other does not mention at all: "France" against "Spain". The same name written in lower case, or opening
    /// the other prompt's sentence, is the same name.
    /// </summary>
    private static bool DifferentEntities(string a, IReadOnlyList<string> wordsA, string b, IReadOnlyList<string> wordsB)
    {
        var lowerA = wordsA.ToHashSet();
        var lowerB = wordsB.ToHashSet();
        return Entities(a).Any(e => !lowerB.Contains(e.ToLowerInvariant())) || Entities(b).Any(e => !lowerA.Contains(e.ToLowerInvariant()));
    }

    /// <summary>Capitalized words not opening a sentence, acronyms and words with digits: names of things.</summary>
    private static HashSet<string> Entities(string text)
    {
        var entities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sentenceStart = true;
        foreach (Match match in WordPattern().Matches(text))
        {
            var word = match.Value.Replace('’', '\'');
            // "I", "I'm", "I've" are the speaker, not a name.
            var pronoun = word == "I" || word.StartsWith("I'", StringComparison.Ordinal);
            var named = !pronoun && word.Any(char.IsDigit) && word.Any(char.IsLetter)
                || (!pronoun && word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Any(char.IsLetter))
                || (!pronoun && !sentenceStart && char.IsUpper(word[0]));
            if (named)
            {
                entities.Add(word);
            }
            var end = match.Index + match.Length;
            var rest = text.AsSpan(end).TrimStart(" \"'’”)");
            sentenceStart = rest.Length > 0 && ".?!:".Contains(rest[0]);
        }
        return entities;
    }

    private static bool SameMultiset(List<string> a, List<string> b) =>
        a.Count == b.Count && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal));

    /// <summary>The words that say who does what: content words, and the small words that relate them (to, from, than, by, ...).</summary>
    private static List<string> Relational(IReadOnlyList<string> words) =>
        [.. words.Where(w => !TextTokens.IsStopWord(w) || w is "to" or "from" or "than" or "by" or "into" or "of" or "for" or "with" or "at" or "and" or "or")];

    /// <summary>
    /// The same words with two parts exchanged around a word that relates them: "Alice pays Bob" against "Bob pays
    /// Alice", "the Yankees beat the Red Sox" against "the Red Sox beat the Yankees", "Celsius to Fahrenheit" against
    /// "Fahrenheit to Celsius". Parts joined by "and"/"or" (symmetric) or moved as a phrase ("in Python, sort a list")
    /// do not count; two single words exchanged side by side do.
    /// </summary>
    private static bool IsSwap(List<string> a, List<string> b)
    {
        if (a.Count != b.Count || a.SequenceEqual(b) || !SameMultiset(a, b))
        {
            return false;
        }
        var prefix = 0;
        while (a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }
        var restA = a[prefix..^suffix];
        var restB = b[prefix..^suffix];
        var n = restA.Count;
        // restA = X M Y and restB = Y M X, for some non-empty X and Y.
        for (var x = 1; x < n; x++)
        {
            for (var y = 1; x + y <= n; y++)
            {
                var m = n - x - y;
                if (restA.Take(x).SequenceEqual(restB.Skip(n - x))
                    && restA.Skip(n - y).SequenceEqual(restB.Take(y))
                    && restA.Skip(x).Take(m).SequenceEqual(restB.Skip(y).Take(m)))
                {
                    var middle = restA.Skip(x).Take(m).ToList();
                    var swapped = m == 0 ? x == 1 && y == 1 : !middle.All(SymmetricJoins.Contains);
                    if (swapped)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex WordPattern();
}
