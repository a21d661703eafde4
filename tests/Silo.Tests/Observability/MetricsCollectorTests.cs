using System.Diagnostics.Metrics;
using Silo.Observability;

namespace Silo.Tests.Observability;

/// <summary>The collector and writer on instruments made to be awkward: odd names, tags that need escaping, "le" as a tag.</summary>
public sealed class MetricsCollectorTests
{
    [Fact]
    public async Task Names_are_sanitized_label_values_escaped_and_units_spelled_out()
    {
        var meterName = $"Silo.Tests.Awkward.{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        using var collector = new MetricsCollector([meterName]);
        await collector.StartAsync(TestContext.Current.CancellationToken);
        var counter = meter.CreateCounter<long>("odd-name.requests", "{request}", "Requests.\nSecond line with a \\ backslash.");
        var histogram = meter.CreateHistogram<double>("wait.time", "ms", "Waits.");
        var gauge = meter.CreateUpDownCounter<int>("queue.depth", "{item}", "Items queued.");
        var awkward = "say \"hi\"\\ then\nnewline";

        counter.Add(2, new KeyValuePair<string, object?>("weird.key", awkward), new KeyValuePair<string, object?>("__reserved", 1));
        counter.Add(3, new KeyValuePair<string, object?>("__reserved", 1), new KeyValuePair<string, object?>("weird.key", awkward));
        counter.Add(-5, new KeyValuePair<string, object?>("weird.key", awkward), new KeyValuePair<string, object?>("__reserved", 1));
        histogram.Record(0.25, new KeyValuePair<string, object?>("le", "tag named le"));
        histogram.Record(7, new KeyValuePair<string, object?>("le", "tag named le"));
        histogram.Record(1e9, new KeyValuePair<string, object?>("le", "tag named le"));
        gauge.Add(4);
        gauge.Add(-1);
        var text = PrometheusWriter.Write(collector.Collect());

        var scrape = PrometheusText.Parse(text);
        Assert.True(scrape.Violations.Count == 0, string.Join("\n", scrape.Violations) + "\n---\n" + text);
        Assert.Equal("counter", scrape.Types["odd_name_requests_total"]);
        Assert.Equal("histogram", scrape.Types["wait_time_milliseconds"]);
        Assert.Equal("gauge", scrape.Types["queue_depth"]);
        var requests = Assert.Single(scrape.Samples, s => s.Name == "odd_name_requests_total");
        // Same tags in another order are one series; a negative increment of a counter is ignored.
        Assert.Equal(5, requests.Value);
        Assert.Equal(awkward, requests.Label("weird_key"));
        Assert.Equal("1", requests.Label("tag__reserved"));
        Assert.Equal(3, Assert.Single(scrape.Samples, s => s.Name == "queue_depth").Value);
        var overflow = Assert.Single(scrape.Samples, s => s.Name == "wait_time_milliseconds_bucket" && s.Label("le") == "+Inf");
        Assert.Equal("tag named le", overflow.Label("tag_le"));
        Assert.Equal(3, overflow.Value);
        Assert.Equal(1, Assert.Single(scrape.Samples, s => s.Name == "wait_time_milliseconds_bucket" && s.Label("le") == "0.25").Value);
        Assert.Contains("# HELP odd_name_requests_total Requests.\\nSecond line with a \\\\ backslash.\n", text);
    }

    [Fact]
    public async Task Meters_outside_the_list_are_not_collected()
    {
        var meterName = $"Silo.Tests.Ignored.{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        using var collector = new MetricsCollector(["Silo.Tests.SomethingElse"]);
        await collector.StartAsync(TestContext.Current.CancellationToken);

        meter.CreateCounter<long>("ignored.calls").Add(1);

        Assert.DoesNotContain(collector.Collect(), f => f.Name.StartsWith("ignored", StringComparison.Ordinal));
    }
}
