namespace Grains.Caching.Semantic;

/// <summary>
/// Offline similarity, no model download: a prompt becomes a sparse vector of its content words (in a canonical
/// form: stemmed, number words as digits, every negation as "not") and their character trigrams (so a typo or an
/// unusual inflection stays close), L2-normalized; similarity is the cosine.
/// </summary>
public static class LexicalVectorizer
{
    private const float WordWeight = 1f;
    private const float TrigramWeight = 0.35f;

    public static Dictionary<string, float> Vectorize(string text)
    {
        var vector = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var word in TextTokens.ContentWords(text))
        {
            var canonical = TextTokens.Canonical(word);
            Add(vector, "w:" + canonical, WordWeight);
            var padded = $" {canonical} ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, padded.Substring(i, 3), TrigramWeight);
            }
        }
        var norm = MathF.Sqrt(vector.Values.Sum(v => v * v));
        if (norm > 0)
        {
            foreach (var key in vector.Keys.ToList())
            {
                vector[key] /= norm;
            }
        }
        return vector;
    }

    public static double Cosine(Dictionary<string, float> a, Dictionary<string, float> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        double dot = 0;
        foreach (var (key, value) in small)
        {
            if (large.TryGetValue(key, out var other))
            {
                dot += value * other;
            }
        }
        return dot;
    }

    private static void Add(Dictionary<string, float> vector, string key, float weight) =>
        vector[key] = vector.GetValueOrDefault(key) + weight;
}
