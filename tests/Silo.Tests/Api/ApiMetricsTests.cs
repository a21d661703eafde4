using Grains.Interfaces.Sessions;
using Silo.Api;

namespace Silo.Tests.Api;

/// <summary>The in-memory windows behind the dashboard and the performance read-outs.</summary>
public sealed class ApiMetricsTests
{
    [Fact]
    public void Stages_of_every_route_are_summarized_together()
    {
        using var metrics = new ApiMetrics();

        for (var i = 1; i <= 100; i++)
        {
            metrics.Record(i % 2 == 0 ? "/v1/chat/completions" : "/api/v1/sessions/{id}/messages", new StageTimings(1, 2, i % 10 == 0 ? 50 : null, 3, 4, i));
        }
        var stages = metrics.StagesSince(TimeSpan.FromMinutes(1));

        Assert.Equal(ApiMetrics.Stages, stages.Keys);
        Assert.Equal(100, stages["total"].Count);
        Assert.Equal(50, stages["total"].P50);
        Assert.Equal(90, stages["total"].P90);
        Assert.Equal(99, stages["total"].P99);
        Assert.Equal(10, stages["ttft"].Count);
        Assert.Equal(2, stages["cache"].P99);
    }

    [Fact]
    public void An_empty_window_has_no_percentiles()
    {
        using var metrics = new ApiMetrics();

        var total = metrics.StagesSince(TimeSpan.FromMinutes(1))["total"];

        Assert.Equal(0, total.Count);
        Assert.Null(total.P50);
    }

    [Fact]
    public void Requests_are_counted_by_outcome()
    {
        using var metrics = new ApiMetrics();

        foreach (var status in new[] { 200, 200, 201, 400, 404, 429, 429, 500, 503, 200 })
        {
            metrics.Count("/v1/chat/completions", status);
        }
        var counts = metrics.RequestsSince(TimeSpan.FromMinutes(1));

        Assert.Equal(new RequestCounts(10, 4, 2), counts);
        Assert.Equal(0.4, counts.ErrorRate);
        Assert.Equal(0.2, counts.ThrottleRate);
    }

    [Fact]
    public void The_status_window_keeps_the_last_requests_only()
    {
        using var metrics = new ApiMetrics();

        for (var i = 0; i < 20_000; i++)
        {
            metrics.Count("/v1/chat/completions", i < 10_000 ? 500 : 200);
        }

        // 16,384 kept: the last 10,000 successes and 6,384 of the failures before them.
        Assert.Equal(new RequestCounts(16_384, 6_384, 0), metrics.RequestsSince(TimeSpan.FromMinutes(1)));
    }
}
