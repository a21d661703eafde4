namespace Client.Jobs;

/// <summary>
/// Output caps (Tools:&lt;name&gt;:MaxTokens) of the tools shipped in Silo/appsettings.json. The jobs API does not
/// publish a tool's cap, so these let the bars show how far a tool is; any other tool gets an indeterminate bar.
/// A silo configured otherwise only makes a bar less exact: it is capped short of full until the tool finishes.
/// </summary>
internal static class ToolTokenLimits
{
    private static readonly Dictionary<string, int> Limits = new(StringComparer.Ordinal)
    {
        ["architecture_overview"] = 700,
        ["build_cfn_template"] = 450,
        ["analyze_cost_optimization"] = 450,
        ["well_architected_review"] = 700,
        ["altText"] = 60,
        ["slideDescription"] = 120,
        ["script"] = 400,
        ["instructorNotes"] = 300,
        ["studentNotes"] = 300,
        ["references"] = 100,
        ["developerNotes"] = 150,
    };

    public static int? For(string tool) => Limits.TryGetValue(tool, out var limit) ? limit : null;
}
