using Grains.Tools;

namespace Grains.Tests.Tools;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Placeholders_are_filled_from_the_input_with_or_without_spaces_inside_the_braces()
    {
        var prompt = PromptTemplate.Render("t", "Slide {{slide}} of {{ course }}: {{slide}}.", new Dictionary<string, string> { ["slide"] = "3", ["course"] = "AWS 101", ["unused"] = "x" });

        Assert.Equal("Slide 3 of AWS 101: 3.", prompt);
    }

    [Fact]
    public void Fields_lists_each_placeholder_once_in_order()
    {
        Assert.Equal(["slide", "course.name"], PromptTemplate.Fields("{{slide}} {{course.name}} {{ slide }}"));
        Assert.Empty(PromptTemplate.Fields("no placeholders, {single} braces"));
    }

    [Fact]
    public void A_missing_field_is_a_clear_error_naming_the_tool_and_every_missing_field()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PromptTemplate.Render("script", "{{slide}} {{audience}} {{tone}}", new Dictionary<string, string> { ["audience"] = "devs" }));

        Assert.Equal("Tool 'script' needs input 'slide', 'tone'.", error.Message);
    }

    [Fact]
    public void Input_text_that_looks_like_a_placeholder_is_not_expanded_again()
    {
        var prompt = PromptTemplate.Render("t", "{{a}} {{b}}", new Dictionary<string, string> { ["a"] = "{{b}}", ["b"] = "B" });

        Assert.Equal("{{b}} B", prompt);
    }
}
