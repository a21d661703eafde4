using System.Net;
using static Silo.Tests.Jobs.JobsCalls;

namespace Silo.Tests.Jobs;

/// <summary>A job the silo cannot run is refused up front: 400 in OpenAI's shape, saying what is wrong and where.</summary>
public sealed class JobsBadInputTests(JobsApiFixture silo) : IClassFixture<JobsApiFixture>
{
    public static TheoryData<string, string?, string> BadBodies => new()
    {
        { """{"tools":[{"tool":"no_such_tool","input":{}}]}""", "tools[0].input", "There is no tool 'no_such_tool'. Tools: " },
        { """{"toolSet":"no_such_set","input":{"slide":"x"}}""", "toolSet", "There is no tool set 'no_such_set'. Tool sets: architect, slides." },
        { """{"tools":[{"tool":"altText","input":{}}]}""", "tools[0].input", "Tool 'altText' needs input 'slide' in 'tools[0].input'." },
        { """{"tools":[{"tool":"altText"}]}""", "tools[0].input", "Tool 'altText' needs input 'slide'" },
        { """{"toolSet":"architect","input":{"topic":"x"}}""", "input", "Tool 'architecture_overview' needs input 'description' in 'input'." },
        { """{"toolSet":"slides","inputs":[{"slide":"a"},{"text":"b"}]}""", "inputs[1]", "Tool 'altText' needs input 'slide' in 'inputs[1]'." },
        { """{"tools":[{"tool":"echo_tool","input":{"text":"x"}}],"mode":"fast"}""", "mode", "'mode' must be \"parallel\" or \"sequential\"." },
        { """{"tools":[{"tool":"echo_tool","input":{"text":"x"}}],"mode":3}""", "mode", "'mode' must be \"parallel\" or \"sequential\"." },
        { """{"tools":[{"tool":"echo_tool","input":{"text":"x"}}],"maxConcurrency":0}""", "maxConcurrency", "'maxConcurrency' must be an integer from 1 to 1000." },
        { """{"tools":[{"tool":"echo_tool","input":{"text":"x"}}],"maxConcurrency":1.5}""", "maxConcurrency", "'maxConcurrency' must be an integer from 1 to 1000." },
        { """{"tools":[{"tool":"echo_tool","input":{"text":"x"}}],"maxConcurrency":"4"}""", "maxConcurrency", "'maxConcurrency' must be an integer from 1 to 1000." },
        { """{"tools":[]}""", "tools", "The job has no tool calls." },
        { """{"toolSet":"slides","inputs":[]}""", "tools", "The job has no tool calls." },
        { """{"tools":{"tool":"echo_tool"}}""", "tools", "'tools' must be an array" },
        { """{"tools":[{"name":"echo_tool"}]}""", "tools[0].tool", "'tools[0].tool' must be a tool name." },
        { """{"tools":[{"tool":"echo_tool","input":"text"}]}""", "tools[0].input", "'tools[0].input' must be an object of input fields." },
        { """{"toolSet":"slides"}""", "input", "A tool set needs 'input' (an object) or 'inputs' (an array of them)." },
        { """{"toolSet":"slides","inputs":{"slide":"x"}}""", "inputs", "'inputs' must be an array of objects." },
        { """{"input":{"slide":"x"}}""", "tools", "Send 'tools' (a list of tool calls) or 'toolSet' (a configured set)" },
        // Alone, validate_template has no build_cfn_template to take its template from: it needs one given.
        { """{"tools":[{"tool":"validate_template","input":{}}]}""", "tools[0].input", "Tool 'validate_template' needs input 'template' in 'tools[0].input'." },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_job_is_400_with_a_clear_message_and_the_parameter_at_fault(string body, string? param, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        using var response = await http.PostAsync("/v1/jobs", Json(body), ct);

        var error = await Infrastructure.OpenAiErrorShape.AssertAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{\"tools\": [")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_json_object_is_400(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        using var response = await http.PostAsync("/v1/jobs", Json(body), ct);

        var error = await Infrastructure.OpenAiErrorShape.AssertAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Validate_template_given_its_template_directly_runs_on_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        var id = await SubmitAsync(http, new { tools = new[] { Tool("validate_template", new { template = "{\"Resources\": {}}" }) } }, ct);

        var view = await WaitForFinishAsync(http, id, ct);
        Assert.Equal("Completed", view.GetProperty("status").GetString());
        Assert.Equal("valid: the template is well-formed and declares Resources.", view.GetProperty("tools")[0].GetProperty("output").GetString());
    }
}
