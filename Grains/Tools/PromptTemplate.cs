using System.Text.RegularExpressions;

namespace Grains.Tools;

/// <summary>Fills <c>{{field}}</c> placeholders from a tool call's input; a missing field is a clear error.</summary>
public static partial class PromptTemplate
{
    public static IReadOnlyList<string> Fields(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct()];

    public static string Render(string tool, string template, IReadOnlyDictionary<string, string> input)
    {
        var missing = Fields(template).Where(f => !input.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Tool '{tool}' needs input {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        }
        return Placeholder().Replace(template, m => input[m.Groups[1].Value]);
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
