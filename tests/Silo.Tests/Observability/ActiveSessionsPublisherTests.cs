using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Runtime.Diagnostics;
using Silo.Observability;
using Silo.Tests.Infrastructure;
using TestSupport;
using static Silo.Tests.Infrastructure.ApiCalls;

namespace Silo.Tests.Observability;

/// <summary>The per-silo session count the ECS session scaling policy averages, as CloudWatch embedded metric format lines.</summary>
public sealed class ActiveSessionsPublisherTests
{
    private static TelemetryOptions Options(TimeSpan interval) => new()
    {
        CloudWatch = new CloudWatchMetricsOptions { Enabled = true, ClusterName = "llm-cluster", ServiceName = "llm-silo", Interval = interval },
    };

    [Fact(Timeout = 60_000)]
    public async Task Every_interval_a_line_declares_the_metric_and_carries_the_silos_session_count()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var app = new SiloApp(data.Combine("grains.db"));
        using var http = app.CreateClient();
        await CompleteAsync(http, UserMessage("first"), "session-a", ct);
        await CompleteAsync(http, UserMessage("second"), "session-b", ct);
        var time = new ManualTimeProvider();
        using var output = new StringWriter();
        using var publisher = new ActiveSessionsPublisher(
            app.Services.GetRequiredService<SiloStatistics>(), Microsoft.Extensions.Options.Options.Create(Options(TimeSpan.FromSeconds(60))), time, output);

        await publisher.StartAsync(ct);
        var beforeInterval = output.ToString();
        time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal("", beforeInterval);
        using var line = JsonDocument.Parse(Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var root = line.RootElement;
        var aws = root.GetProperty("_aws");
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var declared = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("LlmCluster", declared.GetProperty("Namespace").GetString());
        Assert.Equal(["ClusterName", "ServiceName"], Assert.Single(declared.GetProperty("Dimensions").EnumerateArray()).EnumerateArray().Select(d => d.GetString()));
        var metric = Assert.Single(declared.GetProperty("Metrics").EnumerateArray());
        // The name and namespace the CloudFormation template's scaling policy tracks.
        Assert.Equal(("ActiveSessions", "Count"), (metric.GetProperty("Name").GetString(), metric.GetProperty("Unit").GetString()));
        Assert.Equal("llm-cluster", root.GetProperty("ClusterName").GetString());
        Assert.Equal("llm-silo", root.GetProperty("ServiceName").GetString());
        Assert.Equal(2, root.GetProperty("ActiveSessions").GetDouble());
    }

    [Theory]
    [InlineData(null, "llm-silo")]
    [InlineData("llm-cluster", "")]
    public void Enabled_without_both_dimension_values_is_a_configuration_error(string? cluster, string? service)
    {
        var options = Options(TimeSpan.FromMinutes(1)).CloudWatch;
        options.ClusterName = cluster;
        options.ServiceName = service;

        Assert.Contains("Telemetry:CloudWatch:ClusterName and ServiceName", options.Problem());
    }

    [Fact]
    public void Disabled_needs_no_dimension_values()
    {
        Assert.Null(new CloudWatchMetricsOptions().Problem());
    }
}
