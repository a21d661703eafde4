using System.Net;
using static Silo.Tests.Jobs.JobsCalls;

namespace Silo.Tests.Jobs;

/// <summary>Jobs belong to the tenant of the key that submitted them: to any other tenant they do not exist.</summary>
public sealed class JobsTenantTests(JobsApiFixture silo) : IClassFixture<JobsApiFixture>
{
    [Fact(Timeout = 30_000)]
    public async Task Another_tenant_gets_404_for_the_job_its_events_and_its_cancellation_and_the_job_runs_on()
    {
        var ct = TestContext.Current.CancellationToken;
        using var owner = silo.Client(JobsApiFixture.KeyA);
        using var other = silo.Client(JobsApiFixture.KeyB);
        var held = $"tenant a only {Guid.NewGuid():N}";
        var id = await SubmitAsync(owner, new { tools = new[] { Tool("held_tool", new { text = held }) } }, ct);
        await silo.Models.CalledAsync(held);

        foreach (var (method, path) in new[] { ("GET", $"/v1/jobs/{id}"), ("GET", $"/v1/jobs/{id}/events"), ("DELETE", $"/v1/jobs/{id}") })
        {
            using var response = await other.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), ct);
            var error = await Infrastructure.OpenAiErrorShape.AssertAsync(response, HttpStatusCode.NotFound, ct);
            Assert.Equal("job_not_found", error.GetProperty("code").GetString());
        }

        // Tenant B's DELETE did not touch it: it is still running for its owner, and finishes normally.
        Assert.Equal("Running", (await GetAsync(owner, id, ct)).GetProperty("status").GetString());
        silo.Models.Release(held);
        var view = await WaitForFinishAsync(owner, id, ct);
        Assert.Equal("Completed", view.GetProperty("status").GetString());
        Assert.Equal(held, view.GetProperty("tools")[0].GetProperty("output").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_a_key_the_jobs_api_is_401()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = silo.Client(apiKey: null);

        using var response = await anonymous.PostAsync("/v1/jobs", Json(new { tools = new[] { Tool("echo_tool", new { text = "x" }) } }), ct);

        await Infrastructure.OpenAiErrorShape.AssertAsync(response, HttpStatusCode.Unauthorized, ct);
    }
}
