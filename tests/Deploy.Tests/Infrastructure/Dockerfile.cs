using System.Text;
using System.Text.Json;

namespace Deploy.Tests.Infrastructure;

/// <summary>One Dockerfile instruction, continuation lines joined: <c>ENV</c> and its arguments.</summary>
internal sealed record Instruction(string Keyword, string Arguments);

/// <summary>A build stage: its FROM image (ARG defaults substituted), its name and its instructions.</summary>
internal sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public Instruction? Last(string keyword) => All(keyword).LastOrDefault();

    /// <summary>ENV of this stage, in order (later wins).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var env in All("ENV"))
            {
                foreach (var word in Dockerfile.Words(env.Arguments))
                {
                    var equals = word.IndexOf('=');
                    Assert.True(equals > 0, $"ENV {word}: use the KEY=VALUE form");
                    environment[word[..equals]] = word[(equals + 1)..];
                }
            }
            return environment;
        }
    }

    /// <summary>The WORKDIR in force for the instruction at <paramref name="index"/>.</summary>
    public string WorkdirAt(int index) =>
        Instructions.Take(index).LastOrDefault(i => i.Keyword == "WORKDIR")?.Arguments.Trim() ?? "/";
}

/// <summary>
/// A small Dockerfile reader, enough to check what matters: stages, ENV, EXPOSE, USER, HEALTHCHECK, STOPSIGNAL,
/// ENTRYPOINT and COPY sources. Comments and parser directives are skipped, backslash continuations joined.
/// </summary>
internal sealed class Dockerfile
{
    public Dockerfile(string text)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<Stage>();
        List<Instruction>? current = null;
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "ARG" && current is null)
            {
                var parts = instruction.Arguments.Split('=', 2);
                arguments[parts[0].Trim()] = parts.Length > 1 ? parts[1].Trim() : "";
                continue;
            }
            if (instruction.Keyword == "FROM")
            {
                var words = Words(instruction.Arguments);
                var image = words[0];
                foreach (var (name, value) in arguments)
                {
                    image = image.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
                }
                current = [];
                var stageName = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new Stage(image, stageName, current));
                continue;
            }
            Assert.True(current is not null, $"{instruction.Keyword} before the first FROM");
            current!.Add(instruction);
        }
        Stages = stages;
        BuildArguments = arguments;
    }

    public IReadOnlyList<Stage> Stages { get; }

    public IReadOnlyDictionary<string, string> BuildArguments { get; }

    public Stage Final => Stages[^1];

    public static Dockerfile Read(string relative) => new(Repository.Read(relative));

    /// <summary>An exec-form (JSON array) argument list, e.g. of ENTRYPOINT.</summary>
    public static string[] ExecForm(Instruction instruction)
    {
        var text = instruction.Arguments.Trim();
        Assert.True(text.StartsWith('['), $"{instruction.Keyword} should use the exec form (a JSON array), so the process gets signals directly: {text}");
        return JsonSerializer.Deserialize<string[]>(text)!;
    }

    /// <summary>Splits on whitespace, keeping double-quoted words together (quotes removed).</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var started = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                started = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (started)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    started = false;
                }
            }
            else
            {
                word.Append(c);
                started = true;
            }
        }
        if (started)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private static IEnumerable<Instruction> Instructions(string text)
    {
        var logical = new StringBuilder();
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (logical.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }
            if (logical.Length > 0 && line.TrimStart().StartsWith('#'))
            {
                continue; // comment lines inside a continued instruction are dropped, as Docker does
            }
            if (line.EndsWith('\\'))
            {
                logical.Append(line[..^1]).Append(' ');
                continue;
            }
            logical.Append(line);
            var instruction = logical.ToString().Trim();
            logical.Clear();
            var space = instruction.IndexOfAny([' ', '\t']);
            yield return space < 0
                ? new Instruction(instruction.ToUpperInvariant(), "")
                : new Instruction(instruction[..space].ToUpperInvariant(), instruction[(space + 1)..].Trim());
        }
    }
}
