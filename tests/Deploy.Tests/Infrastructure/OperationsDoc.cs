namespace Deploy.Tests.Infrastructure;

/// <summary>A row of the configuration reference in docs/operations.md: | `key` | default | meaning |.</summary>
internal sealed record DocumentedKey(string Key, string Default, string Meaning, int Line);

/// <summary>docs/operations.md, and the configuration reference tables in its "Configuration reference" section.</summary>
internal sealed class OperationsDoc
{
    public const string RelativePath = "docs/operations.md";
    public const string ReferenceHeading = "## Configuration reference";

    private OperationsDoc(string text)
    {
        Text = text;
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == ReferenceHeading);
        Assert.True(start >= 0, $"{RelativePath} has no '{ReferenceHeading}' section");
        var keys = new List<DocumentedKey>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|') || line.StartsWith("|---", StringComparison.Ordinal) || line.StartsWith("| key", StringComparison.Ordinal))
            {
                continue;
            }
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 3, $"{RelativePath}:{i + 1}: a reference row has three cells (key, default, meaning): {line}");
            var key = Code(cells[0]);
            Assert.True(key.Count == 1, $"{RelativePath}:{i + 1}: the first cell holds exactly one `key`: {cells[0]}");
            keys.Add(new DocumentedKey(key[0], cells[1], cells[2], i + 1));
        }
        Keys = keys;
    }

    public string Text { get; }

    public IReadOnlyList<DocumentedKey> Keys { get; }

    public static OperationsDoc Read() => new(Repository.Read(RelativePath));

    /// <summary>The `code` spans of a Markdown cell.</summary>
    public static List<string> Code(string cell)
    {
        var spans = new List<string>();
        var parts = cell.Split('`');
        for (var i = 1; i < parts.Length; i += 2)
        {
            spans.Add(parts[i]);
        }
        return spans;
    }
}
