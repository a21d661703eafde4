namespace Silo.Tests.Observability;

/// <summary>One sample line of the text format, its label values unescaped.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, int Line)
{
    public string? Label(string name) => Labels.FirstOrDefault(l => l.Key == name).Value;

    /// <summary>The series identity: name and labels in a fixed order.</summary>
    public string SeriesKey(params string[] without) =>
        Name + "{" + string.Join(",", Labels.Where(l => !without.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
}
