using System.Net;
using System.Text.Json;
using static Silo.Tests.Jobs.JobsCalls;

namespace Silo.Tests.Jobs;

/// <summary>POST /v1/jobs in its three forms, GET /v1/jobs/{id}, and batches of a tool set.</summary>
public sealed class JobsApiTests(JobsApiFixture silo) : IClassFixture<JobsApiFixture>
{
    private const string ValidYaml = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";

    [Fact(Timeout = 30_000)]
    public async Task Explicit_tool_calls_are_accepted_with_202_and_the_job_reports_each_result()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        using var response = await http.PostAsync("/v1/jobs", Json(new { tools = new[] { Tool("echo_tool", new { text = "hello from a job" }), Tool("altText", new { slide = "VPC peering" }) } }), ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        var id = accepted.GetProperty("id").GetString()!;
        Assert.StartsWith("job-", id);
        Assert.Equal($"/v1/jobs/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(2, accepted.GetProperty("tools").GetInt32());
        var view = await WaitForFinishAsync(http, id, ct);
        Assert.Equal(id, view.GetProperty("id").GetString());
        Assert.Equal("Completed", view.GetProperty("status").GetString());
        Assert.Equal("Parallel", view.GetProperty("mode").GetString());
        Assert.Equal(16, view.GetProperty("maxConcurrency").GetInt32());
        Assert.True(view.GetProperty("makespanMs").GetDouble() >= 0);
        var tools = view.GetProperty("tools");
        Assert.Equal(["echo_tool", "altText"], tools.EnumerateArray().Select(t => t.GetProperty("tool").GetString()));
        Assert.Equal("hello from a job", tools[0].GetProperty("output").GetString());
        Assert.Equal("echo", tools[0].GetProperty("model").GetString());
        Assert.Equal(4, tools[0].GetProperty("tokens").GetInt32());
        Assert.Equal("sim-small", tools[1].GetProperty("model").GetString());
        Assert.False(string.IsNullOrWhiteSpace(tools[1].GetProperty("output").GetString()));
    }

    [Fact(Timeout = 30_000)]
    public async Task Mode_and_maxConcurrency_are_taken_from_the_request()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        var id = await SubmitAsync(http, new { tools = new[] { Tool("echo_tool", new { text = "a" }), Tool("echo_tool", new { text = "b" }) }, mode = "sequential", maxConcurrency = 3 }, ct);

        var view = await WaitForFinishAsync(http, id, ct);
        Assert.Equal("Sequential", view.GetProperty("mode").GetString());
        Assert.Equal(3, view.GetProperty("maxConcurrency").GetInt32());
        Assert.Equal(["a", "b"], view.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("output").GetString()));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tool_set_with_one_input_runs_every_tool_of_the_set()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        var id = await SubmitAsync(http, new { toolSet = "architect", input = new { description = ValidYaml } }, ct);

        var view = await WaitForFinishAsync(http, id, ct);
        Assert.Equal("Completed", view.GetProperty("status").GetString());
        var tools = view.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["architecture_overview", "build_cfn_template", "analyze_cost_optimization", "well_architected_review", "validate_template"],
            tools.Select(t => t.GetProperty("tool").GetString()));
        // validate_template checked what build_cfn_template produced.
        Assert.Equal(ValidYaml, tools[1].GetProperty("output").GetString());
        Assert.Equal("valid: the template is well-formed and declares Resources.", tools[4].GetProperty("output").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_batch_runs_the_set_once_per_input_and_each_input_keeps_to_its_own_group()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        var id = await SubmitAsync(http, new
        {
            toolSet = "architect",
            inputs = new object[] { new { description = ValidYaml }, new { description = "Outputs:\n  Name: x\n" }, new { description = "Resources:\n\tBad: x\n" } },
        }, ct);

        var view = await WaitForFinishAsync(http, id, ct);
        var tools = view.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(15, tools.Count);
        Assert.Equal(Enumerable.Range(0, 15), tools.Select(t => t.GetProperty("index").GetInt32()));
        Assert.Equal(Enumerable.Repeat(new[] { "architecture_overview", "build_cfn_template", "analyze_cost_optimization", "well_architected_review", "validate_template" }, 3).SelectMany(x => x),
            tools.Select(t => t.GetProperty("tool").GetString()));
        Assert.Equal(
            ["valid: the template is well-formed and declares Resources.", "invalid: no top-level Resources", "invalid: line 2 uses a tab"],
            new[] { 4, 9, 14 }.Select(i => tools[i].GetProperty("output").GetString()));
        Assert.All(tools, t => Assert.Equal("Succeeded", t.GetProperty("status").GetString()));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_slides_batch_gives_each_slide_its_own_seven_calls()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        using var response = await http.PostAsync("/v1/jobs", Json(new { toolSet = "slides", inputs = new[] { new { slide = "Intro" }, new { slide = "IAM" } } }), ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal(14, accepted.GetProperty("tools").GetInt32());
        var view = await WaitForFinishAsync(http, accepted.GetProperty("id").GetString()!, ct);
        Assert.Equal("Completed", view.GetProperty("status").GetString());
        Assert.Equal(14, view.GetProperty("tools").GetArrayLength());
    }

    [Fact(Timeout = 30_000)]
    public async Task Get_of_an_unknown_job_is_404_job_not_found()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        foreach (var path in new[] { "/v1/jobs/job-does-not-exist", "/v1/jobs/job-does-not-exist/events" })
        {
            using var response = await http.GetAsync(path, ct);
            var error = await OpenAiErrorShapeOf(response, HttpStatusCode.NotFound, ct);
            Assert.Equal("job_not_found", error.GetProperty("code").GetString());
            Assert.Equal("No job 'job-does-not-exist'.", error.GetProperty("message").GetString());
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData("GET", "/v1/jobs/not!a%20job")]
    [InlineData("GET", "/v1/jobs/not!a%20job/events")]
    [InlineData("DELETE", "/v1/jobs/not!a%20job")]
    public async Task A_malformed_job_id_is_a_clear_4xx_not_a_500(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), ct);

        var error = await OpenAiErrorShapeOf(response, HttpStatusCode.NotFound, ct);
        Assert.Equal("job_not_found", error.GetProperty("code").GetString());
    }

    internal static Task<JsonElement> OpenAiErrorShapeOf(HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken) =>
        Infrastructure.OpenAiErrorShape.AssertAsync(response, status, cancellationToken);
}
