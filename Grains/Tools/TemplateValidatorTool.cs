using System.Text.Json;

namespace Grains.Tools;

/// <summary>
/// Checks an infrastructure template (input <c>template</c>): JSON must parse; YAML gets structural checks (no tabs,
/// consistent indentation, every mapping line a <c>key: value</c>). Either way a CloudFormation template needs
/// Resources. The output is a short report; an invalid template is a result, not a failure.
/// </summary>
public sealed class TemplateValidatorTool : ICodeTool
{
    public const string ToolName = "template-validator";

    public string Name => ToolName;

    public IReadOnlyList<string> RequiredInputs { get; } = ["template"];

    public string Run(IReadOnlyDictionary<string, string> input)
    {
        if (!input.TryGetValue("template", out var template) || string.IsNullOrWhiteSpace(template))
        {
            throw new ArgumentException("The template validator needs input 'template'.");
        }
        var problems = template.TrimStart().StartsWith('{') ? CheckJson(template) : CheckYaml(template);
        return problems.Count == 0 ? "valid: the template is well-formed and declares Resources." : $"invalid: {string.Join("; ", problems)}";
    }

    private static List<string> CheckJson(string template)
    {
        try
        {
            using var document = JsonDocument.Parse(template);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Resources", out _)
                ? []
                : ["no top-level Resources"];
        }
        catch (JsonException exception)
        {
            return [$"JSON does not parse ({exception.Message})"];
        }
    }

    private static List<string> CheckYaml(string template)
    {
        var problems = new List<string>();
        var lines = template.Split('\n');
        var indentUnit = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var content = line.TrimStart(' ');
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }
            if (line.Contains('\t'))
            {
                problems.Add($"line {i + 1} uses a tab");
                continue;
            }
            var indent = line.Length - content.Length;
            if (indent > 0)
            {
                indentUnit = indentUnit == 0 ? indent : indentUnit;
                if (indent % indentUnit != 0)
                {
                    problems.Add($"line {i + 1} is indented by {indent}, not a multiple of {indentUnit}");
                }
            }
            if (!content.StartsWith("- ") && content != "-" && !content.Contains(':'))
            {
                problems.Add($"line {i + 1} is neither 'key: value' nor a list item");
            }
        }
        if (!lines.Any(l => l.TrimEnd('\r') == "Resources:"))
        {
            problems.Add("no top-level Resources");
        }
        return problems;
    }
}
