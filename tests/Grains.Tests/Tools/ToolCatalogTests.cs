using Grains.Tools;
using Microsoft.Extensions.Configuration;

namespace Grains.Tests.Tools;

public sealed class ToolCatalogTests
{
    private static ToolCatalog Catalog(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), [new TemplateValidatorTool()]);

    private static string ErrorOf(Dictionary<string, string?> settings) =>
        Assert.Throws<InvalidOperationException>(() => Catalog(settings)).Message;

    /// <summary>The silo's own appsettings.json, as shipped.</summary>
    private static IConfiguration SiloSettings()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        return new ConfigurationBuilder().AddJsonFile(Path.Combine(directory.FullName, "Silo", "appsettings.json")).Build();
    }

    [Fact]
    public void The_shipped_configuration_has_the_architect_and_slides_sets_and_their_tools()
    {
        var catalog = new ToolCatalog(SiloSettings(), [new TemplateValidatorTool()]);

        Assert.True(catalog.TryGetSet("architect", out var architect));
        Assert.Equal(["architecture_overview", "build_cfn_template", "analyze_cost_optimization", "well_architected_review", "validate_template"], architect);
        Assert.True(catalog.TryGetSet("slides", out var slides));
        Assert.Equal(["altText", "slideDescription", "script", "instructorNotes", "studentNotes", "references", "developerNotes"], slides);
        Assert.Equal(["architect", "slides"], catalog.Sets);
        Assert.All(architect.Concat(slides), tool => Assert.True(catalog.TryGet(tool, out _), tool));
        Assert.All(architect.Where(t => t != "validate_template"), tool => Assert.Equal(["description"], catalog.RequiredInputs(tool)));
        Assert.All(slides, tool => Assert.Equal(["slide"], catalog.RequiredInputs(tool)));
        // validate_template takes its template from build_cfn_template, so a caller does not supply it.
        Assert.True(catalog.TryGet("validate_template", out var validate));
        Assert.Equal(("template-validator", "build_cfn_template", "template"), (validate.Code, validate.InputFrom, validate.InputAs));
        Assert.Empty(catalog.RequiredInputs("validate_template"));
    }

    [Fact]
    public void A_tool_binds_its_options_and_defaults()
    {
        var catalog = Catalog(new()
        {
            ["Tools:summary:Prompt"] = "Summarise {{text}} for {{audience}}",
            ["Tools:summary:System"] = "Be brief.",
            ["Tools:summary:Model"] = "sim-small",
            ["Tools:summary:MaxTokens"] = "64",
            ["Tools:summary:Timeout"] = "00:00:30",
            ["Tools:plain:Prompt"] = "{{x}}",
        });

        Assert.True(catalog.TryGet("summary", out var summary));
        Assert.Equal(("Be brief.", "sim-small", 64, TimeSpan.FromSeconds(30)), (summary.System, summary.Model, summary.MaxTokens, summary.Timeout));
        Assert.Equal(["text", "audience"], catalog.RequiredInputs("summary"));
        Assert.True(catalog.TryGet("plain", out var plain));
        Assert.Equal(("auto", 1024, TimeSpan.FromSeconds(120)), (plain.Model, plain.MaxTokens, plain.Timeout));
        Assert.False(catalog.TryGet("missing", out _));
        Assert.Equal(["plain", "summary"], catalog.Tools);
    }

    [Fact]
    public void A_tool_without_prompt_or_code_is_rejected()
    {
        Assert.Equal("Tools:empty needs a Prompt (or Code for a built-in code tool).", ErrorOf(new() { ["Tools:empty:Model"] = "x" }));
    }

    [Fact]
    public void An_unknown_code_tool_is_rejected_naming_the_built_in_ones()
    {
        Assert.Equal("Tools:lint:Code is 'linter'; built-in code tools are template-validator.", ErrorOf(new() { ["Tools:lint:Code"] = "linter" }));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2000000")]
    public void Out_of_range_max_tokens_is_rejected(string maxTokens)
    {
        Assert.StartsWith("Tools:t is invalid: ", ErrorOf(new() { ["Tools:t:Prompt"] = "{{x}}", ["Tools:t:MaxTokens"] = maxTokens }));
    }

    [Fact]
    public void A_zero_timeout_is_rejected()
    {
        Assert.StartsWith("Tools:t is invalid: ", ErrorOf(new() { ["Tools:t:Prompt"] = "{{x}}", ["Tools:t:Timeout"] = "00:00:00" }));
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("self")]
    public void InputFrom_must_name_another_configured_tool(string from)
    {
        var error = ErrorOf(new() { ["Tools:self:Prompt"] = "{{input}}", ["Tools:self:InputFrom"] = from });

        Assert.Equal($"Tools:self:InputFrom is '{from}': it must name another configured tool, without a cycle.", error);
    }

    [Fact]
    public void Two_tools_taking_each_others_output_are_rejected()
    {
        var error = ErrorOf(new()
        {
            ["Tools:a:Prompt"] = "{{input}}", ["Tools:a:InputFrom"] = "b",
            ["Tools:b:Prompt"] = "{{input}}", ["Tools:b:InputFrom"] = "a",
        });

        Assert.Contains("it must name another configured tool, without a cycle", error);
    }

    [Fact]
    public void A_tool_taking_another_ones_output_needs_every_field_but_that_one()
    {
        var catalog = Catalog(new()
        {
            ["Tools:draft:Prompt"] = "Draft {{topic}}",
            ["Tools:review:Prompt"] = "Review {{draft}} for {{audience}}",
            ["Tools:review:InputFrom"] = "draft",
            ["Tools:review:InputAs"] = "draft",
        });

        Assert.Equal(["audience"], catalog.RequiredInputs("review"));
        // Run without its upstream in the group, nothing supplies that field: the call must bring it.
        Assert.Equal(["draft", "audience"], catalog.RequiredInputs("review", upstreamInGroup: false));
        Assert.Equal(["topic"], catalog.RequiredInputs("draft", upstreamInGroup: false));
    }

    [Fact]
    public void Validate_template_run_without_build_cfn_template_needs_its_template_given()
    {
        var catalog = new ToolCatalog(SiloSettings(), [new TemplateValidatorTool()]);

        Assert.Equal(["template"], catalog.RequiredInputs("validate_template", upstreamInGroup: false));
    }

    [Fact]
    public void A_set_naming_an_unknown_tool_is_rejected()
    {
        var error = ErrorOf(new() { ["Tools:a:Prompt"] = "{{x}}", ["ToolSets:pair:0"] = "a", ["ToolSets:pair:1"] = "b" });

        Assert.Equal("ToolSets:pair names 'b', which is not a configured tool.", error);
    }
}
