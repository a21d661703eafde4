using System.Globalization;

namespace Client.Bench.Fanout;

/// <summary>
/// The silo configuration of the bench: the shipped tool sets (same tools, models and output caps as
/// Silo/appsettings.json, written out here so that the figures do not move when someone edits that file) on
/// simulated models whose latencies follow the seeds, without jitter so runs compare cleanly.
/// At time scale 1 a tool takes time to first token + tokens / rate:
/// seed 000 (sim-large): overview and review 700 tokens = 13.5 s, template and cost 450 tokens = 9.0 s;
/// seed 004: script 8.1 s, notes 6.3 s on sim-large (Nova Pro ~8.8 s), the simple fields 1.9-4.2 s on sim-small (Nova Lite ~4.2 s).
/// </summary>
internal static class FanoutConfiguration
{
    public const string Architect = "architect";
    public const string Slides = "slides";
    public const string Large = "sim-large";
    public const string Small = "sim-small";

    // validate_template is the set's code tool: it takes build_cfn_template's output, so it runs after it.
    public const string Validator = "validate_template";
    public const string ValidatorInputFrom = "build_cfn_template";

    private const double LargeTtftMs = 800;
    private const double LargeTokensPerSecond = 55;
    private const double SmallTtftMs = 400;
    private const double SmallTokensPerSecond = 40;

    public static readonly FanoutTool[] ArchitectTools =
    [
        new("architecture_overview", Large, 700, "description", "Describe an AWS architecture for: {{description}}."),
        new("build_cfn_template", Large, 450, "description", "Write a CloudFormation template in YAML for: {{description}}."),
        new("analyze_cost_optimization", Large, 450, "description", "Analyze the monthly cost of this system and how to reduce it: {{description}}."),
        new("well_architected_review", Large, 700, "description", "Review this design against the six Well-Architected pillars: {{description}}."),
    ];

    public static readonly FanoutTool[] SlideTools =
    [
        new("altText", Small, 60, "slide", "Write alt text for this slide: {{slide}}"),
        new("slideDescription", Small, 120, "slide", "Describe what this slide shows: {{slide}}"),
        new("script", Large, 400, "slide", "Write the narration script for this slide: {{slide}}"),
        new("instructorNotes", Large, 300, "slide", "Write instructor notes for this slide: {{slide}}"),
        new("studentNotes", Large, 300, "slide", "Write student notes for this slide: {{slide}}"),
        new("references", Small, 100, "slide", "List references for further reading on this slide: {{slide}}"),
        new("developerNotes", Small, 150, "slide", "Write developer notes for the code on this slide: {{slide}}"),
    ];

    public static IReadOnlyList<string> SetTools(string set) => set == Architect
        ? [.. ArchitectTools.Select(t => t.Name), Validator]
        : [.. SlideTools.Select(t => t.Name)];

    public static Dictionary<string, string?> For(double timeScale)
    {
        var settings = new Dictionary<string, string?>();
        Model(settings, Large, "large", LargeTtftMs * timeScale, LargeTokensPerSecond / timeScale);
        Model(settings, Small, "small", SmallTtftMs * timeScale, SmallTokensPerSecond / timeScale);
        foreach (var tool in ArchitectTools.Concat(SlideTools))
        {
            settings[$"Tools:{tool.Name}:Model"] = tool.Model;
            settings[$"Tools:{tool.Name}:MaxTokens"] = Invariant(tool.MaxTokens);
            settings[$"Tools:{tool.Name}:Prompt"] = tool.Prompt;
            // Far above any tool's duration at any scale: a timeout must never end a measured run.
            settings[$"Tools:{tool.Name}:Timeout"] = "00:10:00";
        }
        settings[$"Tools:{Validator}:Code"] = "template-validator";
        settings[$"Tools:{Validator}:InputFrom"] = ValidatorInputFrom;
        settings[$"Tools:{Validator}:InputAs"] = "template";
        foreach (var set in new[] { Architect, Slides })
        {
            var members = SetTools(set);
            for (var i = 0; i < members.Count; i++)
            {
                settings[$"ToolSets:{set}:{i}"] = members[i];
            }
        }
        return settings;
    }

    private static void Model(Dictionary<string, string?> settings, string id, string size, double ttftMs, double tokensPerSecond)
    {
        settings[$"Models:{id}:Provider"] = "simulated";
        settings[$"Models:{id}:Size"] = size;
        settings[$"Models:{id}:TtftMs"] = Invariant(ttftMs);
        settings[$"Models:{id}:TtftJitterMs"] = "0";
        settings[$"Models:{id}:TokensPerSecond"] = Invariant(tokensPerSecond);
        settings[$"Models:{id}:OutputTokens"] = "2000";
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
