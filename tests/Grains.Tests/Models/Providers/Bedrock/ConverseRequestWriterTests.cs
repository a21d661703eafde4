using System.Text.Json.Nodes;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Grains.Models.Providers.Bedrock;
using Microsoft.Extensions.AI;

namespace Grains.Tests.Models.Providers.Bedrock;

public sealed class ConverseRequestWriterTests
{
    [Fact]
    public void Consecutive_turns_of_one_role_merge_and_instructions_join_the_system_prompt()
    {
        var body = JsonNode.Parse(ConverseRequestWriter.Write(
            [new(ChatRole.User, "a"), new(ChatRole.User, "b"), new(ChatRole.Assistant, "c"), new(ChatRole.System, "s2")],
            new ChatOptions { Instructions = "s1", MaxOutputTokens = 5, TopP = 0.25f },
            defaultMaxTokens: 999))!;

        Assert.Equal(
            """[{"role":"user","content":[{"text":"a"},{"text":"b"}]},{"role":"assistant","content":[{"text":"c"}]}]""",
            body["messages"]!.ToJsonString());
        Assert.Equal("""[{"text":"s1"},{"text":"s2"}]""", body["system"]!.ToJsonString());
        Assert.Equal("""{"maxTokens":5,"topP":0.25}""", body["inferenceConfig"]!.ToJsonString());
    }

    [Fact]
    public void Tools_are_refused_as_permanent_rather_than_dropped()
    {
        var tool = AIFunctionFactory.Create(() => 42, "answer");

        var error = Assert.Throws<ModelCallException>(() =>
            ConverseRequestWriter.Write([new(ChatRole.User, "hi")], new ChatOptions { Tools = [tool] }, 10));

        Assert.Equal(ModelErrorKind.Permanent, error.Kind);
    }

    [Fact]
    public void The_endpoint_defaults_to_the_regional_runtime_in_us_east_1()
    {
        Assert.Equal(new BedrockEndpoint("us-east-1", "https://bedrock-runtime.us-east-1.amazonaws.com"), BedrockEndpoint.From("m", new ModelOptions()));
        Assert.Equal("https://bedrock-runtime.eu-central-1.amazonaws.com", BedrockEndpoint.From("m", new ModelOptions { Region = "eu-central-1" }).BaseUrl);
    }
}
