using Grains.Tools;

namespace Grains.Tests.Tools;

public sealed class TemplateValidatorToolTests
{
    private const string Valid = "valid: the template is well-formed and declares Resources.";
    private readonly TemplateValidatorTool _tool = new();

    private string Check(string template) => _tool.Run(new Dictionary<string, string> { ["template"] = template });

    [Fact]
    public void A_yaml_template_with_resources_is_valid()
    {
        const string yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            Description: A bucket
            # comments and blank lines are fine

            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  Tags:
                    - Key: team
                      Value: web
            Outputs:
              Name:
                Value: !Ref Bucket
            """;

        Assert.Equal(Valid, Check(yaml));
        Assert.Equal(Valid, Check(yaml.Replace("\n", "\r\n")));
    }

    [Fact]
    public void A_json_template_with_resources_is_valid()
    {
        Assert.Equal(Valid, Check("""  { "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }"""));
    }

    [Theory]
    [InlineData("""{ "Resources": { "Bucket": """, "JSON does not parse")]
    [InlineData("""{ "Outputs": {} }""", "no top-level Resources")]
    [InlineData("Outputs:\n  Name: x\n", "no top-level Resources")]
    [InlineData("Resources:\n\tBucket: x\n", "line 2 uses a tab")]
    [InlineData("Resources:\n  Bucket:\n     Type: AWS::S3::Bucket\n", "line 3 is indented by 5, not a multiple of 2")]
    [InlineData("Resources:\n  Bucket\n", "line 2 is neither 'key: value' nor a list item")]
    [InlineData("Here is the template you asked for\nResources:\n  Bucket: x\n", "line 1 is neither 'key: value' nor a list item")]
    [InlineData("  Resources:\n    Bucket: x\n", "no top-level Resources")]
    public void A_template_with_problems_is_reported_invalid_with_each_problem(string template, string problem)
    {
        var report = Check(template);

        Assert.StartsWith("invalid: ", report);
        Assert.Contains(problem, report);
    }

    [Fact]
    public void Every_problem_is_listed()
    {
        var report = Check("Bucket\n\tType: x\n");

        Assert.Equal("invalid: line 1 is neither 'key: value' nor a list item; line 2 uses a tab; no top-level Resources", report);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Without_a_template_it_throws_a_clear_argument_error(string? template)
    {
        var input = template is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["template"] = template };

        var error = Assert.Throws<ArgumentException>(() => _tool.Run(input));

        Assert.Equal("The template validator needs input 'template'.", error.Message);
    }

    [Fact]
    public void It_is_the_built_in_code_tool_named_template_validator_and_needs_a_template()
    {
        Assert.Equal("template-validator", _tool.Name);
        Assert.Equal(["template"], _tool.RequiredInputs);
    }
}
