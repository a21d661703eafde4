using System.Diagnostics.Metrics;
using Runtime.Diagnostics;
using Runtime.Tests.Grains;
using Runtime.Tests.Infrastructure;

namespace Runtime.Tests.Diagnostics;

public sealed class ActiveActivationsGaugeTests
{
    private static readonly string CountedType = typeof(ICountedGrain).FullName!;

    [Fact]
    public async Task The_gauge_counts_the_activations_alive_by_grain_type_and_forgets_a_stopped_silo()
    {
        await using var silo = await TestSilo.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await silo.GrainFactory.GetGrain<ICountedGrain>($"counted-{i}").Touch();
        }

        var whileRunning = Observe();
        await silo.StopAsync();
        var afterStop = Observe();

        Assert.Equal(3, whileRunning);
        Assert.Equal(0, afterStop);
    }

    /// <summary>The gauge's value for <see cref="ICountedGrain"/> (0 when it reports none).</summary>
    private static int Observe()
    {
        var value = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeInstruments.MeterName && instrument.Name == RuntimeInstruments.ActiveActivations)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain_type" && (string?)tag.Value == CountedType)
                {
                    value += measurement;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
