using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Grains.Tools;

/// <summary>The configured tools (<c>Tools</c>) and named tool sets (<c>ToolSets:&lt;set&gt;</c> = tool names), checked at start.</summary>
public sealed class ToolCatalog
{
    public const string ToolsSection = "Tools";
    public const string SetsSection = "ToolSets";

    private readonly Dictionary<string, ToolOptions> _tools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ICodeTool> _code;

    public ToolCatalog(IConfiguration configuration, IEnumerable<ICodeTool> codeTools)
    {
        _code = codeTools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(ToolsSection).GetChildren())
        {
            var options = new ToolOptions();
            section.Bind(options);
            Validate(section.Key, options);
            _tools[section.Key] = options;
        }
        foreach (var (name, options) in _tools)
        {
            if (options.InputFrom is { } from && (!_tools.ContainsKey(from) || from == name || _tools[from].InputFrom == name))
            {
                throw new InvalidOperationException($"Tools:{name}:InputFrom is '{from}': it must name another configured tool, without a cycle.");
            }
        }
        foreach (var set in configuration.GetSection(SetsSection).GetChildren())
        {
            var members = set.GetChildren().Select(c => c.Value ?? "").ToList();
            var unknown = members.FirstOrDefault(m => !_tools.ContainsKey(m));
            if (unknown is not null)
            {
                throw new InvalidOperationException($"ToolSets:{set.Key} names '{unknown}', which is not a configured tool.");
            }
            _sets[set.Key] = members;
        }
    }

    public IEnumerable<string> Tools => _tools.Keys.Order(StringComparer.Ordinal);

    public IEnumerable<string> Sets => _sets.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string tool, out ToolOptions options) => _tools.TryGetValue(tool, out options!);

    public bool TryGetSet(string set, out IReadOnlyList<string> tools) => _sets.TryGetValue(set, out tools!);

    public ICodeTool CodeTool(string name) => _code[name];

    /// <summary>
    /// The input fields a call of <paramref name="tool"/> must bring: the one its InputFrom tool supplies is excluded,
    /// unless that tool is not in the call's group (<paramref name="upstreamInGroup"/> false), when nothing supplies it.
    /// </summary>
    public IReadOnlyList<string> RequiredInputs(string tool, bool upstreamInGroup = true)
    {
        var options = _tools[tool];
        var fields = options.Code is not null ? _code[options.Code].RequiredInputs : PromptTemplate.Fields(options.Prompt!);
        return [.. fields.Where(f => options.InputFrom is null || !upstreamInGroup || f != options.InputAs)];
    }

    private void Validate(string name, ToolOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Tools:{name} is invalid: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
        }
        if (options.Code is not null ? !_code.ContainsKey(options.Code) : string.IsNullOrWhiteSpace(options.Prompt))
        {
            throw new InvalidOperationException(options.Code is not null
                ? $"Tools:{name}:Code is '{options.Code}'; built-in code tools are {string.Join(", ", _code.Keys)}."
                : $"Tools:{name} needs a Prompt (or Code for a built-in code tool).");
        }
    }
}
