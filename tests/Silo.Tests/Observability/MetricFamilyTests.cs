using Silo.Observability;

namespace Silo.Tests.Observability;

/// <summary>How a family finds a series: by the tags' identity first, by their values whenever that fails.</summary>
public sealed class MetricFamilyTests
{
    private static readonly double[] Bounds = [1, 10];

    [Fact]
    public void Equal_tags_in_new_instances_and_another_order_are_one_series()
    {
        var family = new MetricFamily("calls_total", "Calls.", MetricKind.Counter, additive: true, bounds: null);

        family.Record(1, [Tag("model", "m1"), Tag("status", 200)]);
        // A string with the same text but another instance, and a freshly boxed status: not the same identity.
        family.Record(2, [Tag("status", 200), Tag("model", new string("m1".AsSpan()))]);
        family.Record(4, [Tag("model", "m1"), Tag("status", 200)]);

        var series = Assert.Single(family.Snapshot().Series);
        Assert.Equal(7, series.Value);
    }

    [Fact]
    public void More_tags_than_an_identity_holds_still_find_their_series()
    {
        var family = new MetricFamily("wide_total", "Wide.", MetricKind.Counter, additive: true, bounds: null);
        KeyValuePair<string, object?>[] tags = [Tag("a", "1"), Tag("b", "2"), Tag("c", "3"), Tag("d", "4")];

        family.Record(1, tags);
        family.Record(1, tags);

        Assert.Equal(2, Assert.Single(family.Snapshot().Series).Value);
    }

    [Fact]
    public void Values_boxed_anew_every_time_stay_right_past_the_identity_bound()
    {
        var family = new MetricFamily("boxed_total", "Boxed.", MetricKind.Counter, additive: true, bounds: null);

        for (var i = 0; i < 3000; i++)
        {
            family.Record(1, [Tag("status", i % 2 == 0 ? 200 : 500)]);
        }

        var series = family.Snapshot().Series;
        Assert.Equal(2, series.Count);
        Assert.All(series, s => Assert.Equal(1500, s.Value));
    }

    [Fact]
    public void Histogram_counts_and_sum_add_up_across_threads()
    {
        var family = new MetricFamily("wait_milliseconds", "Waits.", MetricKind.Histogram, additive: false, Bounds);
        var route = Tag("route", "/v1");

        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                family.Record(i % 2 == 0 ? 0.5 : 20, [route]);
            }
        });

        var series = Assert.Single(family.Snapshot().Series);
        Assert.Equal([20_000L, 0L, 20_000L], series.BucketCounts!);
        Assert.Equal(20_000 * 0.5 + 20_000 * 20, series.Sum);
    }

    [Fact]
    public void Measurements_of_threads_that_ended_stay_counted_when_their_cells_pass_to_new_threads()
    {
        var family = new MetricFamily("jobs_total", "Jobs.", MetricKind.Counter, additive: true, bounds: null);
        var queue = Tag("queue", "q1");

        for (var round = 0; round < 3; round++)
        {
            ThreadSlotTests.OnNewThread(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    family.Record(1, [queue]);
                }
                return 0;
            });
            // The ended thread's cell goes to the next thread, which adds to what is in it.
            ThreadSlotTests.FinalizeEndedThreads();
        }

        Assert.Equal(3000, Assert.Single(family.Snapshot().Series).Value);
    }

    [Fact]
    public void Identities_past_the_first_few_are_still_found_by_identity()
    {
        var family = new MetricFamily("routes_total", "Routes.", MetricKind.Counter, additive: true, bounds: null);
        var tags = Enumerable.Range(0, 20).Select(i => new[] { Tag("route", $"/r{i}") }).ToArray();

        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var tag in tags)
            {
                family.Record(1, tag);
            }
        }

        Assert.Equal(20, family.Identities);
        Assert.All(family.Snapshot().Series, s => Assert.Equal(3, s.Value));
    }

    [Fact]
    public void A_gauge_reading_replaces_the_last_one()
    {
        var family = new MetricFamily("queue_depth", "Depth.", MetricKind.Gauge, additive: false, bounds: null);

        family.Record(5, []);
        family.Record(3, []);

        Assert.Equal(3, Assert.Single(family.Snapshot().Series).Value);
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
