using System.Net;
using System.Text.Json;
using static Silo.Tests.Jobs.JobsCalls;

namespace Silo.Tests.Jobs;

/// <summary>DELETE /v1/jobs/{id}: cancels a running job (202), 409 once it has finished, 404 for no such job.</summary>
public sealed class JobsCancelApiTests(JobsApiFixture silo) : IClassFixture<JobsApiFixture>
{
    [Fact(Timeout = 30_000)]
    public async Task Delete_of_a_running_job_cancels_its_running_tools_and_the_job_ends_Cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();
        var held = $"never released {Guid.NewGuid():N}";
        var id = await SubmitAsync(http, new { tools = new[] { Tool("echo_tool", new { text = "quick" }), Tool("held_tool", new { text = held }) } }, ct);
        await silo.Models.CalledAsync(held);
        using var events = await EventsAsync(http, id, ct);
        await events.UntilAsync(e => e is { Name: "tool.finished", ToolIndex: 0 }, ct);

        using var response = await http.DeleteAsync($"/v1/jobs/{id}", ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal("cancelling", body.GetProperty("status").GetString());
        // The model call of the running tool is cancelled, not left to finish.
        await silo.Models.CancelledAsync(held);
        var all = await events.ToEndAsync(ct);
        Assert.Equal(Grains.Interfaces.Jobs.JobStatus.Cancelled, all[^1].JobStatus);
        Assert.Equal(Grains.Interfaces.Jobs.ToolStatus.Cancelled, all.Single(e => e is { Name: "tool.finished", ToolIndex: 1 }).ToolStatus);
        var view = await GetAsync(http, id, ct);
        Assert.Equal("Cancelled", view.GetProperty("status").GetString());
        Assert.Equal(["Succeeded", "Cancelled"], Statuses(view));
        Assert.Equal("quick", view.GetProperty("tools")[0].GetProperty("output").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Delete_of_a_finished_job_is_409_and_leaves_it_as_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();
        var id = await SubmitAsync(http, new { tools = new[] { Tool("echo_tool", new { text = "finished" }) } }, ct);
        await WaitForFinishAsync(http, id, ct);

        using var response = await http.DeleteAsync($"/v1/jobs/{id}", ct);

        var error = await Infrastructure.OpenAiErrorShape.AssertAsync(response, HttpStatusCode.Conflict, ct);
        Assert.Equal("job_finished", error.GetProperty("code").GetString());
        Assert.Equal($"Job '{id}' has already finished.", error.GetProperty("message").GetString());
        Assert.Equal("Completed", (await GetAsync(http, id, ct)).GetProperty("status").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Delete_of_an_unknown_job_is_404()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = silo.Client();

        using var response = await http.DeleteAsync("/v1/jobs/job-nobody-made", ct);

        var error = await Infrastructure.OpenAiErrorShape.AssertAsync(response, HttpStatusCode.NotFound, ct);
        Assert.Equal("job_not_found", error.GetProperty("code").GetString());
    }
}
