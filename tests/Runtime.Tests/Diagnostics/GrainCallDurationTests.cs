using System.Diagnostics.Metrics;
using Runtime.Client;
using Runtime.Diagnostics;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Diagnostics;

public sealed class GrainCallDurationTests
{
    private static readonly string CopyType = typeof(ICopyGrain).FullName!;

    [Fact]
    public async Task Calls_that_arrive_over_the_transport_are_measured_under_one_grain_type_instance()
    {
        var grainTypes = new List<object>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeInstruments.MeterName && instrument.Name == RuntimeInstruments.GrainCallDuration)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain_type" && tag.Value is string type && type == CopyType)
                {
                    lock (grainTypes)
                    {
                        grainTypes.Add(type);
                    }
                }
            }
        });
        listener.Start();
        await using var silo = await TestSilo.StartAsync();
        await using var client = await ClusterClient.ConnectAsync(silo.ApiUrl);

        for (var i = 0; i < 3; i++)
        {
            await client.GetGrain<ICopyGrain>($"measured-{i}").WhereAmI();
        }

        lock (grainTypes)
        {
            Assert.True(grainTypes.Count >= 3, $"{grainTypes.Count} calls measured");
            // The metrics collector finds a series by the identity of its tag values: one instance, not one per call.
            Assert.All(grainTypes, type => Assert.Same(grainTypes[0], type));
        }
    }
}
