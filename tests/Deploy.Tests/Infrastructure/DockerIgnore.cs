using System.Text;
using System.Text.RegularExpressions;

namespace Deploy.Tests.Infrastructure;

/// <summary>
/// The .dockerignore of the build context (the repository root), matched as Docker does: paths relative to the
/// context, '*' and '?' within a path segment, '**' across segments, a match on a folder excludes what it holds,
/// '!' re-includes, and the last matching line wins.
/// </summary>
internal static class DockerIgnore
{
    public const string RelativePath = ".dockerignore";

    private static readonly List<(Regex Pattern, bool Exclude)> Rules = [.. Repository.Read(RelativePath)
        .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (Compile(l[1..]), false) : (Compile(l), true))];

    /// <summary>Whether the file or folder at <paramref name="relative"/> stays out of the build context.</summary>
    public static bool Excludes(string relative)
    {
        relative = relative.Trim('/');
        var excluded = false;
        foreach (var (pattern, exclude) in Rules)
        {
            if (Prefixes(relative).Any(pattern.IsMatch))
            {
                excluded = exclude;
            }
        }
        return excluded;
    }

    /// <summary>The path and each folder above it: a rule on a folder covers its contents.</summary>
    private static IEnumerable<string> Prefixes(string relative)
    {
        var segments = relative.Split('/');
        for (var i = 1; i <= segments.Length; i++)
        {
            yield return string.Join('/', segments[..i]);
        }
    }

    private static Regex Compile(string pattern)
    {
        pattern = pattern.Trim('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    regex.Length -= 2;
                    regex.Append("(.*/)?");
                    i++;
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
