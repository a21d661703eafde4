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
        "there", "here", "tell", "give", "show", "way", "ways", "kindly", "just",
    ];

    public static IReadOnlyList<string> Words(string text) => [.. WordPattern().Matches(text).Select(m => m.Value)];

    public static IReadOnlyList<string> Lower(string text) => [.. Words(text).Select(w => w.ToLowerInvariant())];

    public static IReadOnlyList<string> ContentWords(string text) => [.. Lower(text).Where(w => !StopWords.Contains(w))];

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex WordPattern();
}
